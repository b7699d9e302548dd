package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LoadPlanTest {

    private static LoadPlan plan(List<String> meetings, boolean direct, String pin, int talkers) {
        return new LoadPlan("127.0.0.1", 5060, "127.0.0.1", 9, 5, 1, "conference", meetings, direct, pin, talkers,
                800, 5000, null);
    }

    @Test
    void callsGoRoundRobinAndTheFirstKOfEachMeetingTalk() {
        LoadPlan p = plan(List.of("111", "222", "333"), false, "", 2);
        assertThat(p.meetingOf(0)).isZero();
        assertThat(p.meetingOf(4)).isEqualTo(1);
        assertThat(p.talker(0)).isTrue();
        assertThat(p.talker(5)).isTrue(); // second call of meeting 2
        assertThat(p.talker(6)).isFalse(); // third call of meeting 0
        assertThat(p.calledNumber(4)).isEqualTo("conference");
        assertThat(p.keys(4)).isEqualTo("222#");
    }

    @Test
    void directNumbersSkipTheCodeButNotThePin() {
        LoadPlan p = plan(List.of("demo"), true, "42", 1);
        assertThat(p.calledNumber(3)).isEqualTo("demo");
        assertThat(p.keys(3)).isEqualTo("42#");
        assertThat(plan(List.of("1234"), false, "42", 1).keys(0)).isEqualTo("1234#42#");
    }

    @Test
    void codecDefaultsToPcmuAndParsesTheThreeNames() {
        LoadPlan p = plan(List.of("1"), false, "", 1);
        assertThat(p.codec()).isEqualTo(LoadCodec.PCMU);
        assertThat(p.withCodec(LoadCodec.OPUS).codec()).isEqualTo(LoadCodec.OPUS);
        assertThat(p.withCodec(LoadCodec.OPUS).withCodec(LoadCodec.PCMU)).isEqualTo(p);
        assertThat(LoadCodec.parse("OPUS")).isEqualTo(LoadCodec.OPUS);
        assertThat(LoadCodec.parse("pcma")).isEqualTo(LoadCodec.PCMA);
        assertThatThrownBy(() -> LoadCodec.parse("g722")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("codec is pcmu, pcma or opus, was g722");
        assertThat(LoadCodec.OPUS.samplesPerFrame()).isEqualTo(960);
        assertThat(LoadCodec.PCMA.samplesPerFrame()).isEqualTo(160);
    }

    @Test
    void commandRefusesAnUnknownCodecWithExitCode2() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = new picocli.CommandLine(new LoadCommand()).execute("--codec", "g729", "--meeting", "1234",
                    "--metrics-url", "none");
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("lab load: codec is pcmu, pcma or opus, was g729");
    }

    @Test
    void refusesEmptyPlans() {
        assertThatThrownBy(() -> plan(List.of(), false, "", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> v = List.of(5.0, 1.0, 3.0, 2.0, 4.0);
        assertThat(Percentiles.of(v, 50)).isEqualTo(3.0);
        assertThat(Percentiles.of(v, 99)).isEqualTo(5.0);
        assertThat(Percentiles.of(v, 1)).isEqualTo(1.0);
        assertThat(Percentiles.of(List.of(), 50)).isNaN();
    }
}
