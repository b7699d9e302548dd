package org.voxgate.bridge.internal.bridge;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocketFactory;

import org.voxgate.bridge.internal.codec.G711;
import org.voxgate.bridge.internal.rtp.RtpPacket;
import org.voxgate.testing.Tones;

/**
 * A test client for RTP over TCP written from RFC 4571 directly (blocking java.net sockets, no
 * code shared with the bridge's framer): connects (plainly or with TLS), sends paced PCMU in
 * 2-byte-length frames, and records every frame it reads. An optional hook transforms packets
 * both ways (SRTP protect on send, unprotect on receive).
 */
final class TcpRtpPeer implements AutoCloseable {
    final long ssrc;
    private Socket socket;
    private OutputStream out;
    private Thread reader;
    private final List<byte[]> frames = new ArrayList<>();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean running = true;
    private volatile boolean eof;
    private volatile UnaryOperator<byte[]> onSend = UnaryOperator.identity();
    private volatile UnaryOperator<byte[]> onReceive = UnaryOperator.identity();
    private int seq = 4000;
    private long timestamp = 123_456;
    private long sampleIndex;

    TcpRtpPeer(long ssrc) {
        this.ssrc = ssrc;
    }

    /** An offer for TCP media from 127.0.0.1 with the given proto, a=setup and extra lines (CRLF-terminated). */
    String offer(String proto, String setup, int port, String extra) {
        return "v=0\r\n"
                + "o=tcppeer 7 1 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " " + proto + " 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=setup:" + setup + "\r\n"
                + "a=connection:new\r\n"
                + extra
                + "a=sendrecv\r\n";
    }

    static int answeredPort(String answer) {
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(answer);
        if (!m.find()) {
            throw new AssertionError("no m=audio in answer:\n" + answer);
        }
        return Integer.parseInt(m.group(1));
    }

    void hooks(UnaryOperator<byte[]> send, UnaryOperator<byte[]> receive) {
        this.onSend = send;
        this.onReceive = receive;
    }

    /** Connects to the bridge's TCP port; {@code tls} null for plain TCP. */
    void connect(int port, SSLSocketFactory tls) throws IOException {
        Socket s = tls != null ? tls.createSocket() : new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        attach(s);
    }

    /** Uses a socket the bridge connected to (a=setup:passive offers). */
    void attach(Socket s) throws IOException {
        this.socket = s;
        this.out = new BufferedOutputStream(s.getOutputStream());
        DataInputStream in = new DataInputStream(s.getInputStream());
        reader = new Thread(() -> {
            try {
                while (running) {
                    int n = in.readUnsignedShort(); // RFC 4571: 16-bit length, network order
                    byte[] f = new byte[n];
                    in.readFully(f);
                    byte[] plain = onReceive.apply(f);
                    if (plain != null) {
                        synchronized (frames) {
                            frames.add(plain);
                        }
                    }
                }
            } catch (IOException e) {
                eof = true; // the bridge closed (or reset) the connection, or we did
            }
        }, "tcp-rtp-peer");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether the connection has ended (read EOF or an error). */
    boolean closedByBridge() {
        return eof;
    }

    Socket socket() {
        return socket;
    }

    /** Writes one frame: length then packet. */
    synchronized void sendFrame(byte[] packet) {
        try {
            out.write(packet.length >> 8);
            out.write(packet.length & 0xFF);
            out.write(packet);
            out.flush();
        } catch (IOException e) {
            // closed at the end of a test
        }
    }

    /** Raw bytes on the stream (for framing tests). */
    synchronized void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

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

    void sendTonePacket(double hz, double amplitude) {
        byte[] p = onSend.apply(nextTonePacket(hz, amplitude));
        if (p != null) {
            sendFrame(p);
        }
    }

    void startTone(double hz, double amplitude) {
        pacer.scheduleAtFixedRate(() -> sendTonePacket(hz, amplitude), 0, 20, TimeUnit.MILLISECONDS);
    }

    void stopSending() {
        pacer.shutdownNow();
    }

    List<byte[]> frames() {
        synchronized (frames) {
            return new ArrayList<>(frames);
        }
    }

    void clear() {
        synchronized (frames) {
            frames.clear();
        }
    }

    /** PCMU payloads of the RTP frames received (RTCP, payload type 200-204, left out). */
    List<byte[]> rtpPayloads() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] f : frames()) {
            int pt = f.length > 1 ? f[1] & 0xFF : -1;
            if (pt >= 192 && pt <= 223) {
                continue;
            }
            RtpPacket p = new RtpPacket();
            if (p.parse(f, 0, f.length) == null) {
                out.add(Arrays.copyOfRange(f, p.payloadOffset(), p.payloadOffset() + p.payloadLength()));
            }
        }
        return out;
    }

    long rtcpCount() {
        return frames().stream().filter(f -> f.length > 1 && (f[1] & 0xFF) >= 200 && (f[1] & 0xFF) <= 204).count();
    }

    /** Median SNR in dB of the last {@code count} PCMU payloads against a sine of {@code hz}. */
    static double medianSnrDb(List<byte[]> payloads, int count, double hz) {
        List<byte[]> last = payloads.subList(Math.max(0, payloads.size() - count), payloads.size());
        double[] snr = new double[last.size()];
        for (int i = 0; i < snr.length; i++) {
            byte[] p = last.get(i);
            short[] pcm = new short[p.length];
            for (int k = 0; k < p.length; k++) {
                pcm[k] = G711.PCMU.decode(p[k]);
            }
            snr[i] = Tones.snrDb(pcm, 0, pcm.length, hz, 8000);
        }
        Arrays.sort(snr);
        return snr.length == 0 ? Double.NEGATIVE_INFINITY : snr[snr.length / 2];
    }

    @Override
    public void close() {
        running = false;
        pacer.shutdownNow();
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // ignore
        }
    }
}
