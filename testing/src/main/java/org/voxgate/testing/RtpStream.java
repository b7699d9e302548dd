package org.voxgate.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a timed RTP packet sequence for tests: PCMU audio frames and RFC 4733
 * telephone-events (start with marker, updates every 20 ms, three redundant end packets),
 * written independently of the product's RTP code.
 */
public final class RtpStream {

    /** One packet and when to send it, relative to the stream start. */
    public record Packet(long atMicros, byte[] bytes) {}

    private final int ssrc;
    private final int eventPayloadType;
    private int seq;
    private long timestamp;
    private long clockMicros;
    private boolean firstAudio = true;
    private final List<Packet> packets = new ArrayList<>();

    public RtpStream(int ssrc, int firstSeq, long firstTimestamp, int eventPayloadType) {
        this.ssrc = ssrc;
        this.seq = firstSeq & 0xFFFF;
        this.timestamp = firstTimestamp & 0xFFFFFFFFL;
        this.eventPayloadType = eventPayloadType;
    }

    /** Appends PCMU frames (payload type 0) of 20 ms for the given 8 kHz samples. */
    public RtpStream audio(short[] pcm8k) {
        for (int off = 0; off + 160 <= pcm8k.length; off += 160) {
            byte[] payload = new byte[160];
            for (int i = 0; i < 160; i++) {
                payload[i] = MuLaw.encode(pcm8k[off + i]);
            }
            add(0, firstAudio, payload);
            firstAudio = false;
            timestamp += 160;
            clockMicros += 20_000;
        }
        return this;
    }

    /** Appends {@code ms} of silence as PCMU. */
    public RtpStream silence(int ms) {
        return audio(new short[ms * 8]);
    }

    /** Appends one RFC 4733 event of {@code durationMs}, then 3 end packets, as a phone sends it. */
    public RtpStream event(char digit, int durationMs) {
        int event = "0123456789*#ABCD".indexOf(digit);
        if (event < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        int steps = durationMs / 20;
        for (int i = 1; i <= steps; i++) {
            boolean end = i == steps;
            int duration = i * 160;
            int repeats = end ? 3 : 1;
            for (int r = 0; r < repeats; r++) {
                byte[] p = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
                add(eventPayloadType, i == 1 && r == 0, p);
            }
            clockMicros += 20_000;
        }
        timestamp += steps * 160L;
        firstAudio = true;
        return this;
    }

    private void add(int payloadType, boolean marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80);
        b.put((byte) ((marker ? 0x80 : 0) | payloadType));
        b.putShort((short) seq);
        b.putInt((int) timestamp);
        b.putInt(ssrc);
        b.put(payload);
        packets.add(new Packet(clockMicros, b.array()));
        seq = (seq + 1) & 0xFFFF;
    }

    public List<Packet> packets() {
        return List.copyOf(packets);
    }
}
