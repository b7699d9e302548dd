package org.voxgate.sip.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.voxgate.testing.DnsServer;

/** The RFC 1035 codec: our query, hand-made responses with compression, and malformed ones. */
class DnsWireTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void queryHasOneQuestionRecursionDesiredAndAnOptRecord() throws Exception {
        byte[] q = DnsWire.query(0xBEEF, "_sip._udp.Example.COM.", DnsWire.TYPE_SRV);
        assertThat(HEX.formatHex(q)).isEqualTo("beef" + "0100" + "0001" + "0000" + "0000" + "0001"
                + "045f736970045f756470074578616d706c6503434f4d00" + "0021" + "0001"
                + "00" + "0029" + "04d0" + "00000000" + "0000");
    }

    @Test
    void namesWithEmptyOrLongLabelsAreRefused() {
        assertThatThrownBy(() -> DnsWire.query(1, "a..b", DnsWire.TYPE_A)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsWire.query(1, "x".repeat(64) + ".test", DnsWire.TYPE_A))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsWire.query(1, ("x".repeat(60) + ".").repeat(5) + "test", DnsWire.TYPE_A))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A response written by hand: NAPTR whose replacement points into the question name, an SRV
     * whose target is compressed, an AAAA in the additional section.
     */
    @Test
    void readsNaptrSrvAndAddressesWithCompression() throws Exception {
        String header = "1234" + "8580" + "0001" + "0002" + "0000" + "0001";
        String question = "0565786d706c04746573740000230001"; // exmpl.test NAPTR IN, at offset 12
        // NAPTR: name -> offset 12; order 10 pref 20 "s" "SIP+D2U" "" replacement _sip._udp + pointer to 12
        String naptrRdata = "000a" + "0014" + "0173" + "075349502b443255" + "00" + "045f736970045f756470c00c";
        String naptr = "c00c" + "0023" + "0001" + "00000e10" + String.format("%04x", naptrRdata.length() / 2)
                + naptrRdata;
        // SRV: owner _sip._udp.exmpl.test (pointer to the replacement's labels), target sip1 + pointer to 12
        int replacementOffset = 12 + 16 + 12 + 4 + 2 + 8 + 1; // header, question, RR head, order+pref, flags, service, regexp
        String srvRdata = "0001" + "0002" + "13c4" + "0473697031c00c";
        String srv = String.format("c%03x", replacementOffset) + "0021" + "0001" + "0000003c"
                + String.format("%04x", srvRdata.length() / 2) + srvRdata;
        String aaaa = "c00c" + "001c" + "0001" + "ffffffff" + "0010" + "20010db8000000000000000000000001";
        byte[] msg = HEX.parseHex(header + question + naptr + srv + aaaa);

        DnsWire.Message m = DnsWire.parse(msg, msg.length);

        assertThat(m.id()).isEqualTo(0x1234);
        assertThat(m.response()).isTrue();
        assertThat(m.truncated()).isFalse();
        assertThat(m.questionName()).isEqualTo("exmpl.test");
        assertThat(m.questionType()).isEqualTo(DnsWire.TYPE_NAPTR);
        assertThat(m.answers()).hasSize(2);
        assertThat(m.answers().get(0).ttlSeconds()).isEqualTo(3600);
        assertThat(m.answers().get(0).data()).isEqualTo(
                new ResourceRecord.Naptr(10, 20, "s", "SIP+D2U", "", "_sip._udp.exmpl.test"));
        assertThat(m.answers().get(1).name()).isEqualTo("_sip._udp.exmpl.test");
        assertThat(m.answers().get(1).data()).isEqualTo(new ResourceRecord.Srv(1, 2, 5060, "sip1.exmpl.test"));
        assertThat(m.additionals().get(0).data()).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(m.additionals().get(0).ttlSeconds()).as("RFC 2181: top bit set means zero").isZero();
    }

    @Test
    void pointersMustPointBackwards() {
        String header = "0001" + "8180" + "0001" + "0000" + "0000" + "0000";
        byte[] self = HEX.parseHex(header + "c00c" + "00010001");
        byte[] forward = HEX.parseHex(header + "c00e" + "00" + "00010001");
        assertThatThrownBy(() -> DnsWire.parse(self, self.length)).isInstanceOf(DnsFormatException.class)
                .hasMessageContaining("not backwards");
        assertThatThrownBy(() -> DnsWire.parse(forward, forward.length)).isInstanceOf(DnsFormatException.class);
    }

    @Test
    void lengthsPastTheEndAreCaught() {
        String header = "0001" + "8180" + "0001" + "0001" + "0000" + "0000";
        String question = "04746573740000010001";
        byte[] labelPastEnd = HEX.parseHex("0001818000010000000000000974657374");
        byte[] rdPastEnd = HEX.parseHex(header + question + "c00c00010001000000010010" + "7f000001");
        byte[] shortA = HEX.parseHex(header + question + "c00c00010001000000010003" + "7f0000");
        assertThatThrownBy(() -> DnsWire.parse(labelPastEnd, labelPastEnd.length))
                .isInstanceOf(DnsFormatException.class);
        assertThatThrownBy(() -> DnsWire.parse(rdPastEnd, rdPastEnd.length)).isInstanceOf(DnsFormatException.class)
                .hasMessageContaining("RDLENGTH");
        assertThatThrownBy(() -> DnsWire.parse(shortA, shortA.length)).isInstanceOf(DnsFormatException.class)
                .hasMessageContaining("address RDATA");
        assertThatThrownBy(() -> DnsWire.parse(new byte[11], 11)).isInstanceOf(DnsFormatException.class);
    }

    /** Our query through the test server's codec and its answer back through ours, no socket. */
    @Test
    void roundTripThroughTheTestServer() throws Exception {
        try (DnsServer server = DnsServer.start()) {
            server.naptr("carrier.test", 50, 10, "S", "SIP+D2T", "", "_sip._tcp.carrier.test", 300)
                    .srv("_sip._tcp.carrier.test", 0, 0, 5070, "edge.carrier.test", 120);
            byte[] q = DnsWire.query(7, "carrier.test", DnsWire.TYPE_NAPTR);
            byte[] r = server.answer(q, q.length);
            DnsWire.Message m = DnsWire.parse(r, r.length);
            assertThat(m.id()).isEqualTo(7);
            assertThat(m.answers()).extracting(ResourceRecord::data).containsExactly(
                    new ResourceRecord.Naptr(50, 10, "S", "SIP+D2T", "", "_sip._tcp.carrier.test"));
            q = DnsWire.query(8, "nowhere.test", DnsWire.TYPE_SRV);
            r = server.answer(q, q.length);
            m = DnsWire.parse(r, r.length);
            assertThat(m.rcode()).isEqualTo(DnsWire.RCODE_NXDOMAIN);
            assertThat(m.authorities().get(0).data())
                    .isEqualTo(new ResourceRecord.Soa("ns.test", DnsServer.NEGATIVE_TTL_SECONDS));
        }
    }

    @Test
    void anSoaWithoutItsFiveNumbersIsRefusedAtAnOffsetInsideTheMessage() {
        // header (1 answer), then root name, SOA, IN, TTL 0, RDLENGTH 2: MNAME and RNAME "", no numbers
        byte[] m = HexFormat.of().parseHex("1234818000000001000000000000060001000000000002" + "0000");
        assertThatThrownBy(() -> DnsWire.parse(m, m.length)).isInstanceOfSatisfying(DnsFormatException.class,
                e -> assertThat(e.offset()).isBetween(0, m.length));
    }
}
