package org.voxgate.lab.load;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The generator's SIP side: one UDP socket for every call, a receive thread that hands
 * responses and requests to their call by Call-ID, and a timer thread for retransmissions.
 * Requests the node sends inside a call (BYE, OPTIONS, INFO) get 200; anything else 501.
 */
final class SipUac implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final Map<String, LoadCall<?>> calls = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final Thread receiver;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean running = true;

    SipUac(InetAddress local, InetSocketAddress target) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(local, 0));
        this.socket.setReceiveBufferSize(4 << 20);
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
        return socket.getLocalPort();
    }

    InetSocketAddress target() {
        return target;
    }

    void register(LoadCall<?> call) {
        calls.put(call.callId(), call);
    }

    void send(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
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
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (running) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
            } catch (IOException e) {
                return; // closed
            }
            received.incrementAndGet();
            SipMessage m = SipMessage.parse(buf, p.getLength());
            if (m == null) {
                continue;
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
        socket.close();
        timers.shutdownNow();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
