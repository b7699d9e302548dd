package org.voxgate.bridge.internal.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import org.voxgate.bridge.internal.rtcp.RtcpParser;
import org.voxgate.bridge.internal.rtcp.RtcpReport;

/** Random datagrams through both parsers: a status, never an exception, never out of bounds. */
class RtpPacketFuzzTest {

    @Property(tries = 3000)
    void rtpParserNeverThrowsAndStaysInBounds(@ForAll @Size(max = 200) byte[] data) {
        RtpPacket p = new RtpPacket();
        DropReason r = p.parse(data, 0, data.length);
        if (r == null) {
            assertThat(p.payloadOffset()).isBetween(RtpPacket.FIXED_HEADER_BYTES, data.length);
            assertThat(p.payloadLength()).isBetween(0, data.length - p.payloadOffset());
        }
    }

    @Property(tries = 3000)
    void rtpParserOnVersion2Headers(@ForAll @Size(min = 12, max = 120) byte[] data) {
        data[0] = (byte) (0x80 | (data[0] & 0x3F)); // force V=2 so deeper checks run
        RtpPacket p = new RtpPacket();
        if (p.parse(data, 0, data.length) == null) {
            assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(data.length);
        }
    }

    @Property(tries = 3000)
    void rtcpParserNeverThrows(@ForAll @Size(max = 300) byte[] data) {
        if (data.length > 1) {
            data[0] = (byte) (0x80 | (data[0] & 0x3F));
            data[1] = (byte) (200 + (data[1] & 0x03)); // SR, RR, SDES or BYE
        }
        RtcpReport report = new RtcpReport();
        RtcpParser.parse(data, 0, data.length, report);
    }
}
