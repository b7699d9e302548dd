package org.voxgate.bridge.internal.bridge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.AudioDecoder;
import org.voxgate.bridge.internal.codec.AudioEncoder;
import org.voxgate.bridge.internal.codec.OpusParameters;

/**
 * A loopback RTP peer that speaks one codec with our own encoder and decoder: offers it, sends a
 * sum of tones paced every 20 ms (optionally dropping packets at random), and decodes what it
 * received.
 */
final class CodecPeer implements AutoCloseable {
    final AudioCodec codec;
    final int payloadType;
    final RtpPeer rtp;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final AudioEncoder encoder;
    private int frameSamples;
    private int frameMs = 20;
    private long sampleIndex;
    private int seq = 3000;
    private long timestamp = 90_000;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    /** The Opus fmtp this peer offers (how it wants to receive). */
    String opusFmtp = OpusParameters.OURS.fmtp();
    /** The bridge's answer to {@link #offer()}. */
    String answer;

    CodecPeer(AudioCodec codec, long ssrc) throws SocketException {
        this.codec = codec;
        this.payloadType = codec.offerPayloadType();
        this.rtp = new RtpPeer(ssrc);
        this.encoder = codec.newEncoder(OpusParameters.OURS);
        this.frameSamples = codec.samplesPer(20);
    }

    String offer() {
        StringBuilder sb = new StringBuilder("v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        sb.append("m=audio ").append(rtp.port()).append(" RTP/AVP ").append(payloadType).append("\r\n");
        sb.append("a=rtpmap:").append(payloadType).append(' ').append(codec.encodingName()).append('/')
                .append(codec.rtpClockRateHz());
        if (codec.rtpmapChannels() > 1) {
            sb.append('/').append(codec.rtpmapChannels());
        }
        sb.append("\r\n");
        if (codec == AudioCodec.OPUS) {
            sb.append("a=fmtp:").append(payloadType).append(' ').append(opusFmtp).append("\r\n");
        }
        return sb.append("a=ptime:").append(frameMs).append("\r\na=sendrecv\r\n").toString();
    }

    /** Packet duration this peer sends (and writes as a=ptime unless {@code signal} is false). */
    CodecPeer packetMs(int ms, boolean signal) {
        this.frameSamples = codec.samplesPer(ms);
        this.sendMs = ms;
        if (signal) {
            this.frameMs = ms;
        }
        return this;
    }

    private int sendMs = 20;
    /** Packets (counted from 0 since {@link #start}) never sent, whatever the loss rate. */
    final java.util.Set<Long> dropPackets = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long packetIndex;

    /**
     * Sends the sum of sines ({@code hz[i]} at {@code amplitude[i]}) every 20 ms until
     * {@link #stop()}, dropping each packet with probability {@code lossRate}.
     */
    void start(InetSocketAddress to, double[] hz, double[] amplitude, double lossRate, long seed) {
        Random random = new Random(seed);
        short[] pcm = new short[frameSamples];
        byte[] out = new byte[4000];
        pacer.scheduleAtFixedRate(() -> {
            for (int i = 0; i < frameSamples; i++) {
                double v = 0;
                for (int k = 0; k < hz.length; k++) {
                    v += amplitude[k] * Math.sin(2 * Math.PI * hz[k] * (sampleIndex + i) / codec.sampleRateHz());
                }
                pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
            }
            sampleIndex += frameSamples;
            int n = encoder.encode(pcm, 0, frameSamples, out, 0);
            byte[] payload = java.util.Arrays.copyOf(out, n);
            boolean chosen = dropPackets.contains(packetIndex++);
            if (!chosen && random.nextDouble() >= lossRate) {
                rtp.sendRaw(to, payloadType, seq, timestamp, payload, false);
                sent.incrementAndGet();
            } else {
                dropped.incrementAndGet();
            }
            seq = (seq + 1) & 0xFFFF;
            timestamp += codec.rtpUnits(frameSamples);
        }, 0, sendMs, TimeUnit.MILLISECONDS);
    }

    void stop() throws InterruptedException {
        pacer.shutdownNow();
        pacer.awaitTermination(1, TimeUnit.SECONDS);
    }

    /** Everything received since the last clear, decoded in arrival order at the codec's rate. */
    short[] decodeReceived() {
        List<byte[]> payloads = rtp.receivedPayloads();
        AudioDecoder dec = codec.newDecoder();
        short[] out = new short[payloads.size() * codec.samplesPer(60) + 1];
        int n = 0;
        for (byte[] p : payloads) {
            int got = dec.decode(p, 0, p.length, out, n);
            if (got > 0) {
                n += got;
            }
        }
        AudioCodec.release(dec);
        return java.util.Arrays.copyOf(out, n);
    }

    InetSocketAddress bridge(String answer) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), RtpPeer.answeredPort(answer));
    }

    @Override
    public void close() throws Exception {
        stop();
        AudioCodec.release(encoder);
        rtp.close();
    }

    /** Least-squares amplitude of a sine of {@code hz} in {@code x[from, to)}. */
    static double amplitudeAt(short[] x, int from, int to, double hz, int rateHz) {
        double ss = 0;
        double sc = 0;
        double cc = 0;
        double xs = 0;
        double xc = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(2 * Math.PI * hz * i / rateHz);
            double c = Math.cos(2 * Math.PI * hz * i / rateHz);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            xs += x[i] * s;
            xc += x[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        return Math.hypot(a, b);
    }
}
