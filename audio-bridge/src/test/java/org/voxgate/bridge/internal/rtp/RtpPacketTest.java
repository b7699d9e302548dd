package org.voxgate.bridge.internal.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class RtpPacketTest {
    private final RtpPacket p = new RtpPacket();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void parsesFixedHeader() {
        byte[] b = hex("80 e0 1234 00010000 deadbeef" + "ff ff ff");
        assertThat(p.parse(b, 0, b.length)).isNull();
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(96);
        assertThat(p.sequenceNumber()).isEqualTo(0x1234);
        assertThat(p.timestamp()).isEqualTo(0x10000);
        assertThat(p.ssrc()).isEqualTo(0xdeadbeefL);
        assertThat(p.payloadOffset()).isEqualTo(12);
        assertThat(p.payloadLength()).isEqualTo(3);
    }

    @Test
    void skipsCsrcsExtensionAndPadding() {
        // V=2 P=1 X=1 CC=2, two CSRCs, extension of 1 word, payload 2 bytes, 3 padding bytes
        byte[] b = hex("b2 00 0001 00000001 00000002" + "00000011 00000022" + "bede 0001 01020304"
                + "aabb" + "000003");
        assertThat(p.parse(b, 0, b.length)).isNull();
        assertThat(p.csrcCount()).isEqualTo(2);
        assertThat(p.extension()).isTrue();
        assertThat(p.payloadOffset()).isEqualTo(12 + 8 + 8);
        assertThat(p.payloadLength()).isEqualTo(2);
        assertThat(b[p.payloadOffset()]).isEqualTo((byte) 0xaa);
    }

    @Test
    void refusesBadFields() {
        assertThat(p.parse(hex("80 00 0001 00000001"), 0, 8)).isEqualTo(DropReason.TRUNCATED);
        assertThat(p.parse(hex("40 00 0001 00000001 00000002"), 0, 12)).isEqualTo(DropReason.BAD_VERSION);
        // CC=15 but no CSRCs
        assertThat(p.parse(hex("8f 00 0001 00000001 00000002 00"), 0, 13)).isEqualTo(DropReason.TRUNCATED);
        // X=1, extension claims 0xffff words
        assertThat(p.parse(hex("90 00 0001 00000001 00000002 bede ffff"), 0, 16)).isEqualTo(DropReason.TRUNCATED);
        // X=1, extension header cut short
        assertThat(p.parse(hex("90 00 0001 00000001 00000002 bede"), 0, 14)).isEqualTo(DropReason.TRUNCATED);
        // P=1, padding count 0
        assertThat(p.parse(hex("a0 00 0001 00000001 00000002 aa 00"), 0, 14)).isEqualTo(DropReason.BAD_PADDING);
        // P=1, padding count larger than the rest
        assertThat(p.parse(hex("a0 00 0001 00000001 00000002 aa 05"), 0, 14)).isEqualTo(DropReason.BAD_PADDING);
        // P=1 and nothing after the header
        assertThat(p.parse(hex("a0 00 0001 00000001 00000002"), 0, 12)).isEqualTo(DropReason.BAD_PADDING);
    }

    @Test
    void paddingMayEatTheWholePayload() {
        byte[] b = hex("a0 00 0001 00000001 00000002 0000 03");
        assertThat(p.parse(b, 0, b.length)).isNull();
        assertThat(p.payloadLength()).isZero();
    }

    @Test
    void writtenHeaderParsesBack() {
        byte[] b = new byte[20];
        RtpPacket.writeHeader(b, 0, true, 8, 65535, 0xFFFF_FFFFL, 0x8000_0001L);
        assertThat(p.parse(b, 0, 20)).isNull();
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(8);
        assertThat(p.sequenceNumber()).isEqualTo(65535);
        assertThat(p.timestamp()).isEqualTo(0xFFFF_FFFFL);
        assertThat(p.ssrc()).isEqualTo(0x8000_0001L);
        assertThat(p.payloadLength()).isEqualTo(8);
    }
}
