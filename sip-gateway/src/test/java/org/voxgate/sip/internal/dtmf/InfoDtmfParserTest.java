package org.voxgate.sip.internal.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.voxgate.sip.internal.dtmf.InfoDtmfParser.InfoDigit;

class InfoDtmfParserTest {

    @Test
    void dtmfRelay() {
        assertThat(InfoDtmfParser.parse("dtmf-relay", "Signal=5\r\nDuration=160\r\n")).isEqualTo(new InfoDigit('5', 160));
        assertThat(InfoDtmfParser.parse("DTMF-Relay", "signal= #\nduration=250")).isEqualTo(new InfoDigit('#', 250));
        assertThat(InfoDtmfParser.parse("dtmf-relay", "Signal=*")).isEqualTo(new InfoDigit('*', 160));
        assertThat(InfoDtmfParser.parse("dtmf-relay", "Signal=10\r\nDuration=100")).isEqualTo(new InfoDigit('*', 100));
        assertThat(InfoDtmfParser.parse("dtmf-relay", "Signal=11")).isEqualTo(new InfoDigit('#', 160));
        assertThat(InfoDtmfParser.parse("dtmf-relay", "Signal=a")).isEqualTo(new InfoDigit('A', 160));
    }

    @Test
    void dtmf() {
        assertThat(InfoDtmfParser.parse("dtmf", "5")).isEqualTo(new InfoDigit('5', 160));
        assertThat(InfoDtmfParser.parse("dtmf", " 9\r\n")).isEqualTo(new InfoDigit('9', 160));
    }

    @Test
    void garbageIsNull() {
        assertThat(InfoDtmfParser.parse("dtmf-relay", "Duration=160")).isNull();
        assertThat(InfoDtmfParser.parse("dtmf-relay", "Signal=E")).isNull();
        assertThat(InfoDtmfParser.parse("dtmf-relay", "Signal=55")).isNull();
        assertThat(InfoDtmfParser.parse("dtmf", "")).isNull();
        assertThat(InfoDtmfParser.parse("dtmf", "12")).isNull();
        assertThat(InfoDtmfParser.parse("sdp", "5")).isNull();
        assertThat(InfoDtmfParser.parse("dtmf", "5".repeat(300))).isNull();
        assertThat(InfoDtmfParser.parse("dtmf-relay", "Signal=5\r\nDuration=99999999999")).isEqualTo(new InfoDigit('5', 160));
    }
}
