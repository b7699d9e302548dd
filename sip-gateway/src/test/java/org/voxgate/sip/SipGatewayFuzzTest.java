package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient;
import org.voxgate.sip.wire.UdpSipClient.SipMessage;

/**
 * Throws mutated SIP messages (built from valid ones: flipped and inserted bytes, cut, doubled
 * and dropped lines, absurd numbers and lengths, bare LF, NUL, huge tokens) at a running
 * gateway over UDP loopback. After each one a valid OPTIONS must still get 200, no thread may
 * die with an uncaught exception, and every 50 tries a real call must still be answered.
 * Bounded: 300 tries, a few milliseconds each.
 */
class SipGatewayFuzzTest {
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final List<Throwable> UNCAUGHT = new CopyOnWriteArrayList<>();
    private static final AtomicInteger TRIES = new AtomicInteger();
    /** Answers the fuzzer got back: proof that mutated messages reach the gateway's logic. */
    private static final AtomicInteger ANSWERS = new AtomicInteger();

    private static Thread.UncaughtExceptionHandler previous;
    private static FakeMediaBridge bridge;
    private static SipGateway gateway;
    private static UdpSipClient fuzzer;
    private static UdpSipClient probe;
    private static int port;

    @BeforeContainer
    static void start() throws Exception {
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> UNCAUGHT.add(e));
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(20));
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port).withMaxCalls(1000)
                        // the fuzzer sends hundreds of messages from one source: trusted, or it is banned
                        .withDefence(SipDefenceConfig.defaults().withTrustedNetworks(java.util.List.of("127.0.0.1"))),
                bridge, new FakeDirectory().add(new Meeting("m", "1234", null, null, 5)));
        gateway.start();
        fuzzer = new UdpSipClient(port);
        probe = new UdpSipClient(port);
    }

    @AfterContainer
    static void stop() {
        if (fuzzer != null) {
            fuzzer.close();
            probe.close();
        }
        if (gateway != null) {
            gateway.close();
            bridge.close();
        }
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    private static List<String> templates(int localPort) {
        Messages.Dialog d = Messages.newDialog(localPort, port);
        Messages.Dialog inDialog = d.withToTag("t" + UdpSipClient.token());
        List<String> t = new ArrayList<>();
        t.add(Messages.invite("conf", d, "Supported: timer\r\nSession-Expires: 1800;refresher=uac\r\n", Messages.PCMU_OFFER));
        t.add(Messages.invite("direct-1234", d, "Require: timer\r\nMin-SE: 90\r\n", Messages.PCMU_OFFER));
        t.add(Messages.invite("conf", d, "", null));
        t.add(Messages.options(localPort, port));
        t.add(Messages.inDialog("BYE", inDialog, 2, "", null, null));
        t.add(Messages.inDialog("INFO", inDialog, 3, "", "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        t.add(Messages.inDialog("UPDATE", inDialog, 4, "Session-Expires: 90\r\n", "application/sdp", Messages.PCMU_OFFER));
        t.add(Messages.inDialog("INVITE", inDialog, 5, "", "application/sdp", Messages.PCMU_OFFER.replace("sendrecv", "sendonly")));
        t.add(Messages.ack(inDialog, 1));
        t.add(Messages.request("CANCEL", "conf", d, 1, "CANCEL", "zz", "", null, null));
        t.add(Messages.request("REGISTER", "conf", d, 1, "REGISTER", "rr", "Expires: 3600\r\n", null, null));
        t.add("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\n"
                + "To: <sip:c@d>;tag=2\r\nCall-ID: r@x\r\nCSeq: 9 BYE\r\nContent-Length: 0\r\n\r\n");
        return t;
    }

    @Provide
    Arbitrary<byte[]> mutatedMessages() {
        return Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.integers().between(1, 4),
                Arbitraries.longs()).as((template, mutations, seed) -> {
                    Random random = new Random(seed);
                    byte[] msg = templates(fuzzer.localPort()).get(template).getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < mutations; i++) {
                        msg = mutate(msg, random);
                    }
                    return msg;
                });
    }

    static byte[] mutate(byte[] in, Random r) {
        String text = new String(in, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r\n", -1)));
        int line = r.nextInt(lines.size());
        switch (r.nextInt(12)) {
            case 0 -> {
                byte[] out = in.clone();
                if (out.length > 0) {
                    out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                }
                return out;
            }
            case 1 -> {
                return Arrays.copyOf(in, r.nextInt(in.length + 1));
            }
            case 2 -> lines.remove(line);
            case 3 -> lines.add(line, lines.get(line));
            case 4 -> {
                byte[] junk = new byte[r.nextInt(50)];
                r.nextBytes(junk);
                int at = r.nextInt(in.length + 1);
                byte[] out = new byte[in.length + junk.length];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(in, at, out, at + junk.length, in.length - at);
                return out;
            }
            case 5 -> {
                String[] numbers = {"99999999999999999999", "-1", "0", "4294967296", "2147483648", "1e9", ""};
                lines.set(line, lines.get(line).replaceAll("\\d+", numbers[r.nextInt(numbers.length)]));
            }
            case 6 -> {
                String[] lengths = {"0", "1", "100000", "-5", "abc", "99999999999"};
                text = text.replaceAll("Content-Length: \\d+", "Content-Length: " + lengths[r.nextInt(lengths.length)]);
                return text.getBytes(StandardCharsets.ISO_8859_1);
            }
            case 7 -> {
                String l = lines.get(line);
                int colon = l.indexOf(':');
                lines.set(line, colon > 0 ? l.substring(0, colon + 1) : "");
            }
            case 8 -> {
                return text.replace("\r\n", r.nextBoolean() ? "\n" : "\r").getBytes(StandardCharsets.ISO_8859_1);
            }
            case 9 -> lines.set(line, lines.get(line) + "\u0000\u00ff\u00fe" + (char) r.nextInt(32));
            case 10 -> {
                for (int i = 0; i < 200; i++) {
                    lines.add(Math.min(line, lines.size() - 1), "Via: SIP/2.0/UDP 10.0.0." + (i % 250) + ":5060;branch=z9hG4bK" + i);
                }
            }
            default -> lines.set(line, lines.get(line) + "a".repeat(2000 + r.nextInt(6000)));
        }
        byte[] out = String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        return out.length > 60_000 ? Arrays.copyOf(out, 60_000) : out;
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void gatewayKeepsAnsweringAfterAnyMessage(@ForAll("mutatedMessages") byte[] message) throws Exception {
        fuzzer.send(message);
        String options = Messages.options(probe.localPort(), port);
        String callId = options.split("Call-ID: ")[1].split("\r\n")[0];
        probe.send(options);
        SipMessage r = probe.receiveUntil(WAIT, m -> callId.equals(m.header("Call-ID")) && m.status() >= 200);
        assertThat(r).as("OPTIONS answered after %s", new String(message, StandardCharsets.ISO_8859_1)).isNotNull();
        assertThat(r.status()).isEqualTo(200);
        assertThat(UNCAUGHT).isEmpty();
        while (fuzzer.receive(Duration.ofMillis(1)) != null) {
            ANSWERS.incrementAndGet();
        }
        if (TRIES.incrementAndGet() % 50 == 0) {
            assertThat(ANSWERS.get()).as("the fuzzer's messages got answers").isGreaterThan(TRIES.get() / 10);
            Messages.Dialog d = Messages.newDialog(probe.localPort(), port);
            probe.send(Messages.invite("direct-1234", d, "", Messages.PCMU_OFFER));
            SipMessage ok = probe.receiveUntil(WAIT, m -> d.callId().equals(m.header("Call-ID")) && m.status() >= 200);
            assertThat(ok).isNotNull();
            assertThat(ok.status()).isEqualTo(200);
            Messages.Dialog confirmed = d.withToTag(ok.toTag());
            probe.send(Messages.ack(confirmed, 1));
            probe.send(Messages.inDialog("BYE", confirmed, 2, "", null, null));
            SipMessage byeOk = probe.receiveUntil(WAIT, m -> d.callId().equals(m.header("Call-ID"))
                    && m.cseqMethod().equals("BYE") && m.status() >= 200);
            assertThat(byeOk).isNotNull();
            assertThat(byeOk.status()).isEqualTo(200);
        }
    }
}
