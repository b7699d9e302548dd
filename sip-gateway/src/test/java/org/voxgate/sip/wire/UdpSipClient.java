package org.voxgate.sip.wire;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare SIP-over-UDP peer for tests: sends text it is given, receives and splits messages.
 * Knows nothing of transactions; tests write the exact messages.
 */
public final class UdpSipClient implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final DatagramSocket socket;
    private final InetAddress gateway = InetAddress.getLoopbackAddress();
    private final int gatewayPort;

    public UdpSipClient(int gatewayPort) throws IOException {
        this(gatewayPort, InetAddress.getLoopbackAddress());
    }

    /** A client sending from {@code bind} (127.0.0.2, ...: another source on loopback). */
    public UdpSipClient(InetAddress bind, int gatewayPort) throws IOException {
        this(gatewayPort, bind);
    }

    /** A client whose datagrams come from {@code local} (another loopback address: 127.0.0.2). */
    public UdpSipClient(int gatewayPort, InetAddress local) throws IOException {
        this.socket = new DatagramSocket(0, local);
        this.gatewayPort = gatewayPort;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /** A fresh token for Call-IDs, branches and tags. */
    public static String token() {
        return Long.toHexString(System.nanoTime()) + "-" + COUNTER.incrementAndGet();
    }

    public void send(String message) throws IOException {
        send(message.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, gateway, gatewayPort));
    }

    /** The next message, or null after {@code timeout}. */
    public SipMessage receive(Duration timeout) throws IOException {
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new SipMessage(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8));
    }

    /** Receives until a message matches (provisional responses and others are skipped), or null. */
    public SipMessage receiveUntil(Duration timeout, java.util.function.Predicate<SipMessage> wanted) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            SipMessage m = receive(Duration.ofNanos(left));
            if (m == null) {
                return null;
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    /** Receives the final response (status >= 200) to the CSeq method given, or null. */
    public SipMessage finalResponse(String method, Duration timeout) throws IOException {
        return receiveUntil(timeout, m -> m.status() >= 200 && m.cseqMethod().equals(method));
    }

    /**
     * Runs {@code action} (a gateway shutdown) while a helper thread answers every BYE that
     * arrives with 200, so the gateway need not wait out its BYE timeout.
     */
    public void answeringByes(Runnable action) {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread t = new Thread(() -> {
            while (running.get()) {
                try {
                    SipMessage m = receive(Duration.ofMillis(50));
                    if (m != null && "BYE".equals(m.method())) {
                        send(Messages.okTo(m));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "bye-answerer");
        t.start();
        try {
            action.run();
        } finally {
            running.set(false);
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    /** One received message, split lazily. */
    public record SipMessage(String text) {
        public String firstLine() {
            int eol = text.indexOf("\r\n");
            return eol < 0 ? text : text.substring(0, eol);
        }

        /** The status code, or 0 for a request. */
        public int status() {
            String fl = firstLine();
            if (!fl.startsWith("SIP/2.0 ")) {
                return 0;
            }
            try {
                return Integer.parseInt(fl.substring(8, 11));
            } catch (RuntimeException e) {
                return -1;
            }
        }

        public String method() {
            return status() == 0 ? firstLine().split(" ")[0] : null;
        }

        /** First value of a header (case-insensitive name), or null. */
        public String header(String name) {
            String head = text.split("\r\n\r\n", 2)[0];
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public String cseqMethod() {
            String cseq = header("CSeq");
            return cseq == null ? "" : cseq.substring(cseq.indexOf(' ') + 1).trim();
        }

        public String body() {
            String[] parts = text.split("\r\n\r\n", 2);
            return parts.length < 2 ? "" : parts[1];
        }

        /** The tag parameter of To. */
        public String toTag() {
            String to = header("To");
            int i = to == null ? -1 : to.indexOf("tag=");
            return i < 0 ? null : to.substring(i + 4).split("[;>\\s]")[0];
        }
    }
}
