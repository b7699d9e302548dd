package org.voxgate.bridge.internal.bridge;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.voxgate.bridge.internal.codec.G711;
import org.voxgate.bridge.internal.rtp.RtpPacket;

/** A plain-socket RTP endpoint for tests: sends paced PCMU, records what it receives. */
final class RtpPeer implements AutoCloseable {
    final DatagramSocket socket;
    private final Thread receiver;
    private final List<byte[]> received = new ArrayList<>();
    private final List<Integer> receivedPayloadTypes = new ArrayList<>();
    private final List<InetSocketAddress> receivedFrom = new ArrayList<>();
    private final List<Long> receivedTimestamps = new ArrayList<>();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean running = true;
    private int seq = 1000;
    private long timestamp = 50_000;
    private long sampleIndex;
    final long ssrc;

    RtpPeer(long ssrc) throws SocketException {
        this(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), ssrc);
    }

    RtpPeer(DatagramSocket socket, long ssrc) throws SocketException {
        this.socket = socket;
        this.ssrc = ssrc;
        socket.setSoTimeout(100);
        receiver = new Thread(this::receive, "rtp-peer-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** An offer pointing at this peer's socket. */
    String offer(String extraAttributes) {
        return "v=0\r\n"
                + "o=peer 1 1 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port() + " RTP/AVP 0 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\n"
                + "a=ptime:20\r\n"
                + extraAttributes
                + "a=sendrecv\r\n";
    }

    static int answeredPort(String answer) {
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(answer);
        if (!m.find()) {
            throw new AssertionError("no m=audio in answer:\n" + answer);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Sends a packet with the given payload type and payload now. */
    void send(InetSocketAddress to, int payloadType, byte[] payload, boolean marker) {
        sendRaw(to, payloadType, seq, timestamp, payload, marker);
        seq = (seq + 1) & 0xFFFF;
    }

    void sendRaw(InetSocketAddress to, int payloadType, int sequence, long ts, byte[] payload, boolean marker) {
        byte[] b = new byte[12 + payload.length];
        RtpPacket.writeHeader(b, 0, marker, payloadType, sequence, ts, ssrc);
        System.arraycopy(payload, 0, b, 12, payload.length);
        try {
            socket.send(new DatagramPacket(b, b.length, to));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One 20 ms PCMU packet of a sine of {@code hz} at {@code amplitude}, phase continuous. */
    void sendTonePacket(InetSocketAddress to, double hz, double amplitude) {
        byte[] payload = new byte[160];
        for (int i = 0; i < 160; i++) {
            double v = amplitude * Math.sin(2 * Math.PI * hz * (sampleIndex + i) / 8000.0);
            payload[i] = G711.PCMU.encode((short) Math.round(v));
        }
        sampleIndex += 160;
        send(to, 0, payload, false);
        timestamp += 160;
    }

    /** The next 20 ms PCMU tone packet as raw RTP bytes, not sent (for a lossy link stage). */
    byte[] nextTonePacket(double hz, double amplitude) {
        byte[] b = new byte[12 + 160];
        RtpPacket.writeHeader(b, 0, false, 0, seq, timestamp, ssrc);
        for (int i = 0; i < 160; i++) {
            double v = amplitude * Math.sin(2 * Math.PI * hz * (sampleIndex + i) / 8000.0);
            b[12 + i] = G711.PCMU.encode((short) Math.round(v));
        }
        sampleIndex += 160;
        seq = (seq + 1) & 0xFFFF;
        timestamp += 160;
        return b;
    }

    void sendBytes(InetSocketAddress to, byte[] packet) {
        try {
            socket.send(new DatagramPacket(packet, packet.length, to));
        } catch (IOException e) {
            // socket closed at the end of a test while packets were still scheduled
        }
    }

    /** Sends a tone paced every 20 ms until {@link #stopSending()}. */
    void startTone(InetSocketAddress to, double hz, double amplitude) {
        pacer.scheduleAtFixedRate(() -> sendTonePacket(to, hz, amplitude), 0, 20, TimeUnit.MILLISECONDS);
    }

    void stopSending() {
        pacer.shutdownNow();
    }

    long timestamp() {
        return timestamp;
    }

    void advanceTimestamp(long samples) {
        timestamp += samples;
    }

    int nextSeq() {
        return seq;
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            RtpPacket rtp = new RtpPacket();
            if (rtp.parse(p.getData(), 0, p.getLength()) != null) {
                continue;
            }
            byte[] payload = new byte[rtp.payloadLength()];
            System.arraycopy(p.getData(), rtp.payloadOffset(), payload, 0, payload.length);
            synchronized (received) {
                received.add(payload);
                receivedPayloadTypes.add(rtp.payloadType());
                receivedFrom.add((InetSocketAddress) p.getSocketAddress());
                receivedTimestamps.add(rtp.timestamp());
            }
        }
    }

    int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    List<byte[]> receivedPayloads() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    List<Long> receivedTimestamps() {
        synchronized (received) {
            return new ArrayList<>(receivedTimestamps);
        }
    }

    List<InetSocketAddress> receivedFrom() {
        synchronized (received) {
            return new ArrayList<>(receivedFrom);
        }
    }

    void clearReceived() {
        synchronized (received) {
            received.clear();
            receivedPayloadTypes.clear();
            receivedFrom.clear();
            receivedTimestamps.clear();
        }
    }

    @Override
    public void close() {
        running = false;
        pacer.shutdownNow();
        socket.close();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
