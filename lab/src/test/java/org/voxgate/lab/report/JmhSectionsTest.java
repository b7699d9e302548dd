package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.voxgate.lab.bench.JmhResult;
import org.voxgate.lab.bench.JmhRunner;

/** The tables and text of the JMH sections, from results read out of a real JMH file or built here. */
class JmhSectionsTest {

    private static ReportContext ctx(boolean quick) {
        return new ReportContext(quick, "Test CPU, 2 cores", "2026-11-28", "voxgate lab report --sections x", Path.of("."),
                ".", 1, Map.of(), System.err);
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = JmhSectionsTest.class.getResourceAsStream("/jmh/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JmhRunner.Spec spec(ReportContext c, String regex) {
        return JmhSections.spec(c, List.of(regex), Map.of(), List.of(), null);
    }

    private static List<String> rowsOf(String md) {
        return md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| case") && !l.startsWith("| participants")
                && !l.startsWith("| jitterMs")).toList();
    }

    @Test
    void markdownTableAlignsNumbersRightAndRefusesShortRows() {
        MarkdownTable t = new MarkdownTable("a", "b", "c").row("x|y", "1", "2");
        assertThat(t.render()).isEqualTo("| a | b | c |\n|---|---:|---:|\n| x\\|y | 1 | 2 |\n");
        assertThatThrownBy(() -> t.row("1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsAreTheLabDefaultsFullAndOneShortIterationQuick() {
        assertThat(spec(ctx(false), "X").jmhArguments()).containsSequence("-wi", "3", "-w", "2s", "-i", "5", "-r", "2s");
        assertThat(spec(ctx(true), "X").jmhArguments()).containsSequence("-wi", "1", "-w", "1s", "-i", "1", "-r", "1s");
        ReportContext set = new ReportContext(false, "m", "d", "c", Path.of("."), ".", 1,
                Map.of("jmh.wi", "0", "jmh.i", "2", "jmh.r", "300ms"), System.err);
        assertThat(spec(set, "X").jmhArguments()).containsSequence("-wi", "0", "-w", "2s", "-i", "2", "-r", "300ms");
    }

    @Test
    void jitterTableFromARealJmhFileHasTheInOrderReferenceRatio() throws IOException {
        List<JmhResult> rs = JmhResult.parse(sample("jitter-buffer-wi0-i3.json"));
        ReportContext c = ctx(false);
        String md = JitterSection.markdown(c, spec(c, "J"), new JmhRunner.Run(rs, "", "0.50 0.40 0.30", "0.60 0.40 0.30", 2));
        // 27.627793368863177 ± 153.13645924845937 and 29.780251473816076 ± 45.040870477135456 ns
        assertThat(rowsOf(md)).containsExactly(
                "| 0 | 27.6 ± 153.1 | 0.00014% | 1.00 | 0.047 |",
                "| 40 | 29.8 ± 45.0 | 0.00015% | 1.08 | 0.050 |");
        assertThat(md).contains("voxgate lab report --sections x", "Test CPU, 2 cores", "0.50 0.40 0.30 at the start",
                "0.60 0.40 0.30 at the end", "Reference in the same run: `jitterMs=0`", "java -jar lab/target/benchmarks.jar J")
                .doesNotContain("rough");
    }

    @Test
    void mixerTableDividesPerParticipantCostByTheSmallestConference() {
        List<JmhResult> rs = List.of(tick(1000, 200_000, 0.3), tick(10, 1_000, 0.004), tick(100, 9_000, Double.NaN));
        ReportContext c = ctx(true);
        String md = MixerSection.markdown(c, spec(c, "M"), new JmhRunner.Run(rs, "", "7.00 5.00 3.00", "1.00 1.00 1.00", 9));
        assertThat(rowsOf(md)).containsExactly(
                "| 10 | 1,000 ± 10 | 0.100 | 0.005% | 1.00 | 0.004 |",
                "| 100 | 9,000 ± 90 | 0.090 | 0.045% | 0.90 | n/a |",
                "| 1000 | 200,000 ± 2,000 | 0.200 | 1.000% | 2.00 | 0.300 |");
        assertThat(md).contains("`--quick` run", "The load (7.0 on", "Reference in the same run: the 10-participant tick");
    }

    private static JmhResult tick(int participants, double ns, double bytes) {
        return new JmhResult("org.voxgate.lab.mix.MixerBenchmark.tick", "avgt",
                Map.of("participants", Integer.toString(participants)), ns, ns / 100, "ns/op", bytes);
    }

    @Test
    void srtpTableJoinsRoundsAndComputesBothRatios() {
        List<SrtpSection.Case> cases = List.of(
                srtpCase(1, 4_000_000, 2_000_000, 500_000, "OpenSSL for AES/CTR/NoPadding"),
                srtpCase(2, 3_000_000, 1_500_000, 600_000, "SunJCE for AES/CTR/NoPadding"));
        ReportContext c = ctx(false);
        String md = SrtpSection.markdown(c, cases, new SrtpSection.Libsrtp(null, "libsrtp 2.5.0-3", null),
                null, 0, 4, List.<String[]>of(new String[] {"CM-80, 160 B, protect", "230", "560", "2.43"}),
                "2.00 2.00 2.00", "1.00 1.00 1.00", "2.00 1.00 1.00");
        assertThat(md).contains("| CM-80, 160 B, protect | 4.00 ± 0.10 / 3.00 ± 0.10 | 2.00 / 1.50 | 0.50 / 0.60 "
                + "| **2.00 / 2.00** | 8.00 / 5.00 | 0.001; 120 / 0.001; 120 | 1.5 / 2.5 |");
        // roundTrip was not in these runs: said, not invented
        assertThat(md).contains("| CM-80, 160 B, roundTrip | n/a / n/a | n/a / n/a | n/a / n/a |");
        assertThat(md).contains("- round 2, CM-80, 160 B: Voxgate hmac=true gcm=true; jitsi-srtp SunJCE for AES/CTR/NoPadding",
                "libsrtp 2.5.0-3 through", "pinned to core 0", "2 rounds", "| CM-80, 160 B, protect | 230 | 560 | 2.43 |");
    }

    @Test
    void aMissingLibsrtpIsSaidInTheText() {
        String md = SrtpSection.markdown(ctx(false), List.of(srtpCase(1, 4_000_000, 2_000_000, Double.NaN, "x")),
                new SrtpSection.Libsrtp(null, null, "libsrtp harness not built (needs cc, pkg-config and libsrtp2-dev)"),
                null, null, 4, List.of(), "1 1 1", "1 1 1", "1 1 1");
        assertThat(md).contains("libsrtp: **not measured**, libsrtp harness not built")
                .contains("| CM-80, 160 B, protect | 4.00 ± 0.10 | 2.00 | n/a | **2.00** | n/a |")
                .doesNotContain("Thread CPU time per packet");
    }

    private static SrtpSection.Case srtpCase(int round, double vox, double jitsi, double lib, String backend) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("payload", "160");
        p.put("profile", "AES_CM_128_HMAC_SHA1_80");
        JmhResult v = new JmhResult("org.voxgate.lab.srtp.SrtpBenchmark.protect", "thrpt", p, vox, 100_000, "ops/s", 0.001);
        JmhResult j = new JmhResult("org.voxgate.lab.srtp.JitsiSrtpBenchmark.protect", "thrpt", p, jitsi, 100_000, "ops/s", 120);
        Map<String, Double> l = Double.isNaN(lib) ? Map.of() : Map.of("protect", lib);
        return new SrtpSection.Case(round, "AES_CM_128_HMAC_SHA1_80", 160, (0.5 + round) + " 1.00 1.00",
                SrtpSection.byOp(List.of(v)), SrtpSection.byOp(List.of(j)), l, "hmac=true gcm=true", backend);
    }

    @Test
    void logLinesAreCollectedOnceEach() {
        String log = "# voxgate hmacFastPath=true gcmFastPath=false\nx\n# voxgate hmacFastPath=true gcmFastPath=false\n";
        assertThat(SrtpSection.matches(Pattern.compile("voxgate hmacFastPath=([a-z]+) gcmFastPath=([a-z]+)"), log,
                "hmac=%s gcm=%s")).isEqualTo("hmac=true gcm=false");
        assertThat(SrtpSection.matches(Pattern.compile("nothing(x)"), log, "%s")).isEqualTo("not logged");
    }

    @Test
    void codecTablesDivideByTheG711EncodeAt8kHz() {
        List<JmhResult> rs = List.of(
                codec("CodecEncodeBenchmark.encodeFrame", Map.of("codec", "PCMU", "mixRateHz", "8000"), 0.5),
                codec("CodecEncodeBenchmark.encodeFrame", Map.of("codec", "OPUS", "mixRateHz", "48000"), 240),
                codec("CodecDecodeBenchmark.decodePacket", Map.of("codec", "OPUS"), 30),
                codec("CodecDecodeBenchmark.concealThenDecode", Map.of("codec", "OPUS"), 55),
                codec("OpusConferenceBenchmark.tick", Map.of("participants", "100"), 4000));
        ReportContext c = ctx(false);
        String md = CodecsSection.markdown(c, spec(c, "C"), new JmhRunner.Run(rs, "", "1 1 1", "1 1 1", 5));
        assertThat(md).contains("| PCMU | 8000 | 0.50 | 1.0 | 0.000 |", "| OPUS | 48000 | 240.00 | 480.0 | 0.000 |",
                "| OPUS | 30.00 | 55.00 | 60.0 | 0.000; 0.000 |", "| 100 | 4,000.0 | 40.0 | 500 | 0.000 |",
                "Reference in the same run: 0.500 µs");
        assertThat(md).doesNotContain("| G722 |");
    }

    private static JmhResult codec(String name, Map<String, String> params, double us) {
        return new JmhResult("org.voxgate.lab.codec." + name, "avgt", params, us, Double.NaN, "us/op", 0.0);
    }
}
