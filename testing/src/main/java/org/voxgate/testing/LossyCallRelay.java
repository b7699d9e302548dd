package org.voxgate.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback relay that puts a seeded random loss on the RTP one SIP phone sends, for
 * interop tests with phones that cannot drop packets themselves (baresip). The phone dials
 * the relay's SIP address; the relay forwards SIP over UDP both ways and rewrites the audio
 * port in the server's SDP to its own, so the phone's RTP comes to the relay:
 *
 * <pre>
 *  phone  --SIP-->  [sip]  --SIP-->  server          (replies come back the same way: rport)
 *  phone  --RTP-->  [toPhone] -- drop? --> [toServer] --RTP--> server's m= port
 *  phone  <--RTP--  [toPhone]  <--------  [toServer] <--RTP--  server (it latches to toServer)
 *  RTCP and in-dialog requests from the server go directly (a=rtcp, Contact are not rewritten).
 * </pre>
 *
 * Only packets of the phone's stream whose RTP timestamp lies {@code lossFromRtpUnits} or more
 * after its first packet's may be dropped: one at a place drawn from a {@link Random} of
 * {@code seed} in every block of {@code round(1 / lossRate)} packets. The loss starts at a known
 * point of the phone's audio and hits its rate.
 * One call at a time.
 */
public final class LossyCallRelay implements AutoCloseable {
    private static final Pattern AUDIO_PORT = Pattern.compile("(?m)^m=audio (\\d+) ");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?mi)^(Content-Length|l)[ \\t]*:[ \\t]*\\d+");

    private final InetSocketAddress server;
    private final DatagramSocket sip;
    private final DatagramSocket toPhone;
    private final DatagramSocket toServer;
    private final double lossRate;
    private final long lossFromRtpUnits;
    private final Random random;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong exposed = new AtomicLong();
    private volatile InetSocketAddress phoneSip;
    private volatile InetSocketAddress phoneRtp;
    private volatile InetSocketAddress serverRtp;
    private volatile boolean closed;
    private long firstTimestamp = -1;

    /**
     * @param server           the server's SIP address (UDP)
     * @param lossRate         share in [0, 1] of the phone's RTP packets dropped once the loss began
     * @param seed             seed of the loss pattern
     * @param lossFromRtpUnits RTP timestamp units after the phone's first packet before losses start
     */
    public LossyCallRelay(InetSocketAddress server, double lossRate, long seed, long lossFromRtpUnits)
            throws SocketException {
        if (lossRate < 0 || lossRate > 1) {
            throw new IllegalArgumentException("lossRate must lie in [0, 1]");
        }
        this.server = server;
        this.lossRate = lossRate;
        this.lossFromRtpUnits = lossFromRtpUnits;
        this.random = new Random(seed);
        InetAddress lo = InetAddress.getLoopbackAddress();
        this.sip = new DatagramSocket(new InetSocketAddress(lo, 0));
        this.toPhone = new DatagramSocket(new InetSocketAddress(lo, 0));
        this.toServer = new DatagramSocket(new InetSocketAddress(lo, 0));
        start("relay-sip", this::relaySip);
        start("relay-rtp-up", this::relayUp);
        start("relay-rtp-down", this::relayDown);
    }

    /** Where the phone dials: {@code 127.0.0.1:port}. */
    public String sipTarget() {
        return "127.0.0.1:" + sip.getLocalPort();
    }

    /** The phone's RTP packets passed on to the server. */
    public long forwarded() {
        return forwarded.get();
    }

    /** The phone's RTP packets that came after the loss started (each dropped or forwarded). */
    public long exposed() {
        return exposed.get();
    }

    /** The phone's RTP packets dropped. */
    public long dropped() {
        return dropped.get();
    }

    private void start(String name, IoLoop loop) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65_535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (!closed) {
                try {
                    p.setData(buf);
                    loop.handle(p);
                } catch (IOException e) {
                    if (!closed) {
                        System.err.println(name + ": " + e);
                    }
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    @FunctionalInterface
    private interface IoLoop {
        void handle(DatagramPacket p) throws IOException;
    }

    private void relaySip(DatagramPacket p) throws IOException {
        sip.receive(p);
        InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
        String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
        if (from.equals(server)) {
            InetSocketAddress phone = phoneSip;
            if (phone == null) {
                return;
            }
            byte[] out = rewriteServerSdp(text).getBytes(StandardCharsets.ISO_8859_1);
            sip.send(new DatagramPacket(out, out.length, phone));
        } else {
            phoneSip = from;
            Matcher m = AUDIO_PORT.matcher(text);
            if (m.find() && phoneRtp == null) {
                phoneRtp = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)));
            }
            sip.send(new DatagramPacket(p.getData(), p.getLength(), server));
        }
    }

    /** Points the server's m=audio at {@link #toPhone} and fixes Content-Length. */
    private String rewriteServerSdp(String message) {
        int split = message.indexOf("\r\n\r\n");
        if (split < 0) {
            return message;
        }
        String head = message.substring(0, split + 4);
        String body = message.substring(split + 4);
        Matcher m = AUDIO_PORT.matcher(body);
        if (!m.find()) {
            return message;
        }
        serverRtp = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)));
        body = body.substring(0, m.start(1)) + toPhone.getLocalPort() + body.substring(m.end(1));
        int length = body.getBytes(StandardCharsets.ISO_8859_1).length;
        head = CONTENT_LENGTH.matcher(head).replaceFirst("Content-Length: " + length);
        return head + body;
    }

    /**
     * Whether the {@code n}-th packet since the loss began is dropped: one packet at a random
     * place in every block of {@code round(1 / lossRate)} (a Bernoulli draw per packet would
     * miss the rate by a lot over a few hundred packets; this hits it and stays random).
     */
    private boolean lose(long n) {
        if (lossRate == 0) {
            return false;
        }
        int block = (int) Math.max(1, Math.round(1 / lossRate));
        if (n % block == 0) {
            victim = random.nextInt(block);
        }
        return n % block == victim;
    }

    private int victim = -1;

    /** Phone to server: the lossy direction. */
    private void relayUp(DatagramPacket p) throws IOException {
        toPhone.receive(p);
        phoneRtp = (InetSocketAddress) p.getSocketAddress();
        InetSocketAddress to = serverRtp;
        if (to == null || p.getLength() < 12) {
            return;
        }
        byte[] b = p.getData();
        long ts = ((b[4] & 0xFFL) << 24) | ((b[5] & 0xFFL) << 16) | ((b[6] & 0xFFL) << 8) | (b[7] & 0xFFL);
        if (firstTimestamp < 0) {
            firstTimestamp = ts;
        }
        long elapsed = (ts - firstTimestamp) & 0xFFFFFFFFL;
        if (elapsed >= lossFromRtpUnits && elapsed < 0x80000000L && lose(exposed.getAndIncrement())) {
            dropped.incrementAndGet();
            return;
        }
        forwarded.incrementAndGet();
        toServer.send(new DatagramPacket(b, p.getLength(), to));
    }

    /** Server to phone, untouched. */
    private void relayDown(DatagramPacket p) throws IOException {
        toServer.receive(p);
        InetSocketAddress to = phoneRtp;
        if (to != null) {
            toPhone.send(new DatagramPacket(p.getData(), p.getLength(), to));
        }
    }

    @Override
    public void close() {
        closed = true;
        sip.close();
        toPhone.close();
        toServer.close();
    }
}
