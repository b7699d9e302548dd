package org.voxgate.lab.load;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The generator's SIP side: one UDP socket (or one TLS connection to the node's SIP-TLS port)
 * for every call, a receive thread that hands responses and requests to their call by Call-ID,
 * and a timer thread for the transactions' timers (over TLS only the timeouts: retransmissions,
 * timers A and E, are for unreliable transports, RFC 3261 sections 17.1.1.2 and 17.1.2.2; see
 * {@link #reliable()}).
 * Requests the node sends inside a call (BYE, OPTIONS, INFO) get 200; anything else 501.
 */
final class SipUac implements AutoCloseable {
    private final DatagramSocket socket;
    private final SSLSocket tls;
    private final OutputStream tlsOut;
    private final InetSocketAddress target;
    private final Map<String, LoadCall<?>> calls = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final Thread receiver;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean running = true;

    SipUac(InetAddress local, InetSocketAddress target) throws SocketException {
        this(local, target, null);
    }

    /**
     * @param tlsContext null for UDP; otherwise one TLS connection to {@code target} (the node's
     *                   sip.tlsPort), handshaken here
     */
    SipUac(InetAddress local, InetSocketAddress target, SSLContext tlsContext) throws SocketException {
        if (tlsContext == null) {
            this.socket = new DatagramSocket(new InetSocketAddress(local, 0));
            this.socket.setReceiveBufferSize(4 << 20);
            this.tls = null;
            this.tlsOut = null;
        } else {
            this.socket = null;
            try {
                Socket plain = new Socket();
                plain.bind(new InetSocketAddress(local, 0));
                plain.connect(target, 5_000);
                plain.setTcpNoDelay(true);
                this.tls = (SSLSocket) tlsContext.getSocketFactory().createSocket(plain, target.getHostString(),
                        target.getPort(), true);
                tls.setSoTimeout(10_000);
                tls.startHandshake();
                tls.setSoTimeout(0);
                this.tlsOut = new BufferedOutputStream(tls.getOutputStream(), 16_384);
            } catch (IOException e) {
                SocketException se = new SocketException("SIP-TLS to " + target + ": " + e.getMessage());
                se.initCause(e);
                throw se;
            }
        }
        this.target = target;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-sip-timer");
            t.setDaemon(true);
            return t;
        });
        this.receiver = new Thread(this::receiveLoop, "lab-sip-receive");
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    int localPort() {
        return tls != null ? tls.getLocalPort() : socket.getLocalPort();
    }

    /** "UDP" or "TLS", as Via writes it. */
    String transport() {
        return tls != null ? "TLS" : "UDP";
    }

    /** True over TLS: requests are sent once and never retransmitted (RFC 3261 section 17.1). */
    boolean reliable() {
        return tls != null;
    }

    InetSocketAddress target() {
        return target;
    }

    void register(LoadCall<?> call) {
        calls.put(call.callId(), call);
    }

    void send(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        if (tls != null) {
            synchronized (tlsOut) {
                try {
                    tlsOut.write(b);
                    tlsOut.flush();
                    sent.incrementAndGet();
                } catch (IOException e) {
                    // connection gone: the calls time out and report it
                }
            }
            return;
        }
        try {
            socket.send(new DatagramPacket(b, b.length, target));
            sent.incrementAndGet();
        } catch (IOException e) {
            // UDP: a lost send is a lost datagram; retransmission timers cover requests
        }
    }

    ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        return timers.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    long messagesSent() {
        return sent.get();
    }

    long messagesReceived() {
        return received.get();
    }

    private void receiveLoop() {
        if (tls != null) {
            tlsReceiveLoop();
            return;
        }
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (running) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
            } catch (IOException e) {
                return; // closed
            }
            dispatch(buf, p.getLength());
        }
    }

    private void tlsReceiveLoop() {
        byte[] chunk = new byte[16_384];
        SipStreamFramer framer = new SipStreamFramer();
        try (InputStream in = tls.getInputStream()) {
            while (running) {
                int n = in.read(chunk);
                if (n < 0) {
                    return;
                }
                if (!framer.feed(chunk, 0, n, (a, off, len) -> dispatch(off == 0 ? a : Arrays.copyOfRange(a, off, off + len), len))) {
                    System.err.println("lab: broken SIP framing from " + target + "; closing the TLS connection");
                    return;
                }
            }
        } catch (IOException e) {
            if (running) {
                System.err.println("lab: SIP-TLS connection to " + target + " lost: " + e.getMessage());
            }
        }
    }

    private void dispatch(byte[] buf, int length) {
        received.incrementAndGet();
        SipMessage m = SipMessage.parse(buf, length);
        if (m == null) {
            return;
        }
        LoadCall<?> call = calls.get(m.callId());
        try {
            if (m.isResponse()) {
                if (call != null) {
                    call.onResponse(m);
                }
            } else {
                onRequest(m, call);
            }
        } catch (RuntimeException e) {
            System.err.println("lab: handling " + m.startLine() + " failed: " + e);
        }
    }

    private void onRequest(SipMessage m, LoadCall<?> call) {
        switch (m.method()) {
            case "ACK" -> { }
            case "BYE" -> {
                send(SipRequests.response(m, call == null ? 481 : 200, call == null ? "Call Does Not Exist" : "OK"));
                if (call != null) {
                    call.onRemoteBye();
                }
            }
            case "OPTIONS", "INFO" -> send(SipRequests.response(m, 200, "OK"));
            default -> send(SipRequests.response(m, 501, "Not Implemented"));
        }
    }

    @Override
    public void close() {
        running = false;
        if (tls != null) {
            try {
                tls.close();
            } catch (IOException e) {
                // closing anyway
            }
        } else {
            socket.close();
        }
        timers.shutdownNow();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
