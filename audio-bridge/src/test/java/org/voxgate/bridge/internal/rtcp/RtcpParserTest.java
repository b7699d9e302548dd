package org.voxgate.bridge.internal.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.internal.rtp.DropReason;

class RtcpParserTest {
    private final RtcpReport report = new RtcpReport();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void writerOutputParsesBack() {
        byte[] out = new byte[256];
        long ntp = RtcpWriter.ntpTimestamp(1_700_000_000_123L);
        int n = RtcpWriter.write(out, 0x11223344L, new RtcpWriter.SenderInfo(ntp, 160_000, 50, 8000),
                new RtcpWriter.ReportBlock(0xCAFEL, 25, 3, 70_000, 12, 0x1234_5678L, 65536), "voxgate-test");
        report.localSsrc = 0xCAFEL;
        assertThat(RtcpParser.parse(out, 0, n, report)).isNull();
        assertThat(n % 4).isZero();
        assertThat(report.senderReport).isTrue();
        assertThat(report.senderSsrc).isEqualTo(0x11223344L);
        assertThat(report.ntpTimestamp).isEqualTo(ntp);
        assertThat(report.senderPacketCount).isEqualTo(50);
        assertThat(report.senderOctetCount).isEqualTo(8000);
        assertThat(report.hasBlock).isTrue();
        assertThat(report.fractionLost).isEqualTo(25);
        assertThat(report.cumulativeLost).isEqualTo(3);
        assertThat(report.extendedHighestSeq).isEqualTo(70_000);
        assertThat(report.interarrivalJitter).isEqualTo(12);
        assertThat(report.lastSrTimestamp).isEqualTo(0x1234_5678L);
        assertThat(report.delaySinceLastSr).isEqualTo(65536);
        assertThat(report.cname).isEqualTo("voxgate-test");
    }

    @Test
    void receiverReportWithoutBlockAndForeignBlocksAreSkipped() {
        byte[] out = new byte[256];
        int n = RtcpWriter.write(out, 1, null, new RtcpWriter.ReportBlock(99, 0, 0, 1, 0, 0, 0), "x");
        report.localSsrc = 5;
        assertThat(RtcpParser.parse(out, 0, n, report)).isNull();
        assertThat(report.senderReport).isFalse();
        assertThat(report.hasBlock).isFalse();
        assertThat(report.cname).isEqualTo("x");
    }

    @Test
    void readsByeAndSkipsApp() {
        // RR (no blocks) + APP (2 words) + BYE with one SSRC
        byte[] b = hex("81c9 0001 00000001" + "80cc 0002 00000001 41424344" + "81cb 0001 00000001");
        b[0] = (byte) 0x80;
        assertThat(RtcpParser.parse(b, 0, b.length, report)).isNull();
        assertThat(report.bye).isTrue();
        assertThat(report.skippedPackets).isEqualTo(1);
    }

    @Test
    void refusesMalformedCompounds() {
        // starts with SDES
        assertThat(RtcpParser.parse(hex("81ca 0001 00000001"), 0, 8, report)).isEqualTo(DropReason.BAD_RTCP);
        // length runs past the datagram
        assertThat(RtcpParser.parse(hex("80c9 0005 00000001"), 0, 8, report)).isEqualTo(DropReason.TRUNCATED);
        // RC=3 but no room for blocks
        assertThat(RtcpParser.parse(hex("83c9 0001 00000001"), 0, 8, report)).isEqualTo(DropReason.BAD_RTCP);
        // version 1
        assertThat(RtcpParser.parse(hex("40c9 0001 00000001"), 0, 8, report)).isEqualTo(DropReason.BAD_VERSION);
        // padding bit on a packet that is not last
        assertThat(RtcpParser.parse(hex("a0c9 0001 00000001 80cb 0000"), 0, 12, report)).isEqualTo(DropReason.BAD_PADDING);
        // SDES item longer than the packet
        assertThat(RtcpParser.parse(hex("80c9 0001 00000001 81ca 0002 00000001 01ff0000"), 0, 20, report))
                .isEqualTo(DropReason.BAD_RTCP);
        // trailing bytes that do not form a header
        assertThat(RtcpParser.parse(hex("80c9 0001 00000001 80"), 0, 9, report)).isEqualTo(DropReason.TRUNCATED);
    }

    @Test
    void ntpConversion() {
        // 1970-01-01 is NTP second 2208988800; half a second is fraction 2^31.
        long ntp = RtcpWriter.ntpTimestamp(500);
        assertThat(ntp >>> 32).isEqualTo(2_208_988_800L);
        assertThat(ntp & 0xFFFF_FFFFL).isEqualTo(1L << 31);
        assertThat(RtcpWriter.middle32(ntp)).isEqualTo(((2_208_988_800L & 0xFFFF) << 16) | 0x8000);
    }
}
