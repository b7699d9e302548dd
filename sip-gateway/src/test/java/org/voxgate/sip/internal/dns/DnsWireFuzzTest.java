package org.voxgate.sip.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.voxgate.testing.DnsServer;

/**
 * Both DNS codecs take any bytes without throwing anything but their own refusal: our response
 * parser ({@link DnsFormatException} only) and the test server's query reader (null only). The
 * inputs are random bytes and real responses with bytes flipped, cut short or pointers aimed
 * anywhere. Bounded tries.
 */
class DnsWireFuzzTest {
    private static DnsServer server;
    private static List<byte[]> seeds;

    @BeforeContainer
    static void seeds() throws IOException {
        server = DnsServer.start();
        server.naptr("c.test", 10, 10, "s", "SIP+D2U", "", "_sip._udp.c.test", 60)
                .naptr("c.test", 20, 10, "s", "SIPS+D2T", "", "_sips._tcp.c.test", 60)
                .srv("_sip._udp.c.test", 1, 10, 5060, "a.c.test", 60)
                .address("a.c.test", "192.0.2.1", 60)
                .address("a.c.test", "2001:db8::1", 60);
        seeds = List.of(response("c.test", DnsWire.TYPE_NAPTR), response("_sip._udp.c.test", DnsWire.TYPE_SRV),
                response("a.c.test", DnsWire.TYPE_AAAA), response("nx.test", DnsWire.TYPE_A));
    }

    @AfterContainer
    static void close() {
        server.close();
    }

    private static byte[] response(String name, int type) {
        byte[] q = DnsWire.query(1, name, type);
        return server.answer(q, q.length);
    }

    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> mutated = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 599).list().ofMaxSize(6), Arbitraries.bytes().list().ofSize(6),
                Arbitraries.integers().between(0, 600)).as((seed, positions, values, cut) -> {
                    byte[] m = seeds.get(seed).clone();
                    for (int i = 0; i < positions.size(); i++) {
                        int p = positions.get(i) % m.length;
                        m[p] = values.get(i);
                        if (i == 0 && p + 1 < m.length) {
                            m[p] = (byte) (0xC0 | (values.get(i) & 0x3F)); // a compression pointer
                        }
                    }
                    return java.util.Arrays.copyOf(m, Math.min(m.length, Math.max(0, cut)));
                });
        return Arbitraries.oneOf(random, mutated);
    }

    @Property(tries = 4000)
    void parseThrowsOnlyItsOwnException(@ForAll("messages") byte[] m) {
        try {
            DnsWire.Message parsed = DnsWire.parse(m, m.length);
            assertThat(parsed.answers().size() + parsed.authorities().size() + parsed.additionals().size())
                    .isLessThanOrEqualTo(m.length / 11); // every record takes at least 11 bytes
        } catch (DnsFormatException e) {
            assertThat(e.offset()).isBetween(0, m.length);
        }
    }

    @Property(tries = 4000)
    void testServerReadsAnyQueryWithoutThrowing(@ForAll("messages") byte[] m) {
        byte[] answer = server.answer(m, m.length);
        if (answer != null) {
            assertThat(answer.length).isGreaterThanOrEqualTo(12);
        }
    }

    @Property(tries = 300)
    void everyQueryWeWriteTheServerAnswers(@ForAll("labels") List<String> labels) throws Exception {
        String name = String.join(".", labels);
        byte[] q = DnsWire.query(42, name, DnsWire.TYPE_SRV);
        byte[] r = server.answer(q, q.length);
        assertThat(r).isNotNull();
        DnsWire.Message m = DnsWire.parse(r, r.length);
        assertThat(m.id()).isEqualTo(42);
        assertThat(m.questionName()).isEqualTo(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Provide
    Arbitrary<List<String>> labels() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', 'A', '0').ofMinLength(1)
                .ofMaxLength(20).list().ofMinSize(1).ofMaxSize(6);
    }
}
