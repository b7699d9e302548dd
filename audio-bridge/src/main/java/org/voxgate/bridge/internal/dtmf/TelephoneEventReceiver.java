package org.voxgate.bridge.internal.dtmf;

/**
 * Turns RFC 4733 telephone-event packets into one digit per key press.
 *
 * <pre>
 * RFC 4733 section 2.3, payload format:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>An event is identified by its RTP timestamp (section 2.5.1.2: "the RTP timestamp ... identifies
 * the event ... for all packets of the event"). The digit is reported once, on the first packet
 * with the E bit; the redundant end packets (section 2.5.1.4: sent three times) and
 * retransmissions carry the same timestamp and are swallowed. When all end packets of an event
 * are lost, the event is reported when the next event starts or when it went
 * {@value #EXPIRY_MS} ms without an update ({@link #expire}).
 *
 * <p>Confined to the leg's event loop; allocates nothing.
 */
public final class TelephoneEventReceiver {
    /** Highest DTMF event code (section 3.2: 0-9, *, #, A-D = 0..15). */
    public static final int MAX_DTMF_EVENT = 15;
    static final int EXPIRY_MS = 1000;
    private static final String DIGITS = "0123456789*#ABCD";

    /** Result of {@link #onPacket}: no digit yet. */
    public static final char NONE = 0;
    /** Result of {@link #onPacket}: payload shorter than 4 bytes. */
    public static final char MALFORMED = 1;

    private final int clockRateHz;
    private boolean inProgress;
    private long currentTs;
    private int currentEvent;
    private int currentDuration;
    private long lastUpdateNanos;
    private boolean ended;
    private long endedTs;

    private char pendingDigit;
    private int pendingDurationMs;
    private char reportedDigit;
    private int reportedDurationMs;

    public TelephoneEventReceiver(int clockRateHz) {
        this.clockRateHz = clockRateHz;
    }

    /**
     * Takes one telephone-event packet.
     *
     * @return the digit whose press ended ({@link #durationMs()} tells how long), {@link #NONE},
     *     or {@link #MALFORMED}. When a lost end is discovered because a new event started, the
     *     old digit is returned now; call {@link #takePending()} afterwards for any second one.
     */
    public char onPacket(long timestamp, byte[] buf, int offset, int length, long nowNanos) {
        if (length < 4) {
            return MALFORMED;
        }
        int event = buf[offset] & 0xFF;
        boolean end = (buf[offset + 1] & 0x80) != 0;
        int duration = ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF);
        if (ended && timestamp == endedTs) {
            return NONE; // redundant end packet or retransmission of a finished event
        }
        char result = NONE;
        if (inProgress && timestamp != currentTs) {
            // The previous event never showed its end: report it now.
            result = digitOf(currentEvent, currentDuration);
            inProgress = false;
        }
        if (event > MAX_DTMF_EVENT) {
            return result; // flash-hook and tones are not DTMF digits
        }
        if (end) {
            ended = true;
            endedTs = timestamp;
            inProgress = false;
            if (result != NONE) {
                pendingDigit = DIGITS.charAt(event);
                pendingDurationMs = reportedDurationMsOf(duration);
                return result;
            }
            return digitOf(event, duration);
        }
        currentDuration = inProgress ? Math.max(currentDuration, duration) : duration;
        inProgress = true;
        currentTs = timestamp;
        currentEvent = event;
        lastUpdateNanos = nowNanos;
        return result;
    }

    /** A second digit found by the last {@link #onPacket}, or {@link #NONE}. */
    public char takePending() {
        char d = pendingDigit;
        pendingDigit = NONE;
        if (d != NONE) {
            reportedDurationMs = pendingDurationMs;
        }
        return d;
    }

    /** Reports an event whose end packets all got lost, once it has been silent long enough. */
    public char expire(long nowNanos) {
        if (inProgress && nowNanos - lastUpdateNanos > EXPIRY_MS * 1_000_000L) {
            inProgress = false;
            ended = true;
            endedTs = currentTs;
            return digitOf(currentEvent, currentDuration);
        }
        return NONE;
    }

    /** Duration of the digit last returned. */
    public int durationMs() {
        return reportedDurationMs;
    }

    private char digitOf(int event, int duration) {
        reportedDurationMs = reportedDurationMsOf(duration);
        return DIGITS.charAt(event);
    }

    private int reportedDurationMsOf(int duration) {
        return (int) (duration * 1000L / clockRateHz);
    }
}
