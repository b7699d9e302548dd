package org.voxgate.sip.internal.dialout;

import java.util.Objects;

import org.voxgate.sip.DialOutFailure;
import org.voxgate.sip.DialOutStatus;
import org.voxgate.sip.EndCause;

/**
 * The status of one dial-out, as the handle shows it. Moves forward only (a late 180 after the
 * 200 does not take it back to RINGING); FAILED and ENDED are final. Thread-safe.
 */
public final class DialOutState {
    private DialOutStatus status = DialOutStatus.DIALING;
    private DialOutFailure failure;
    private int sipStatus;

    public synchronized DialOutStatus status() {
        return status;
    }

    public synchronized DialOutFailure failure() {
        return failure;
    }

    public synchronized int sipStatus() {
        return sipStatus;
    }

    public synchronized void sipStatus(int finalStatus) {
        sipStatus = finalStatus;
    }

    /**
     * Moves to {@code next} when it is further along than now.
     *
     * @param next any status but FAILED (use {@link #fail})
     * @return true when the status changed
     */
    public synchronized boolean advance(DialOutStatus next) {
        if (next == DialOutStatus.FAILED) {
            throw new IllegalArgumentException("use fail(cause)");
        }
        if (status.isFinal() || next.ordinal() <= status.ordinal()) {
            return false;
        }
        if (next == DialOutStatus.ENDED && status != DialOutStatus.JOINED) {
            throw new IllegalStateException("ENDED needs JOINED first, status " + status);
        }
        status = next;
        return true;
    }

    /**
     * Fails the dial-out unless it already joined or is final.
     *
     * @return true when the status became FAILED now
     */
    public synchronized boolean fail(DialOutFailure cause) {
        Objects.requireNonNull(cause, "cause");
        if (status.isFinal() || status == DialOutStatus.JOINED) {
            return false;
        }
        status = DialOutStatus.FAILED;
        failure = cause;
        return true;
    }

    /** FAILED with {@code cause} before joining, ENDED after. */
    public synchronized void finish(DialOutFailure causeIfNotJoined) {
        if (status == DialOutStatus.JOINED) {
            status = DialOutStatus.ENDED;
        } else {
            fail(causeIfNotJoined);
        }
    }

    /** The failure of a dial-out we end with {@code cause} before the callee joined. */
    public static DialOutFailure failureFor(EndCause cause) {
        return switch (cause) {
            case SHUTDOWN -> DialOutFailure.SHUTDOWN;
            case HUNG_UP_BY_API -> DialOutFailure.CANCELLED;
            case MEDIA_TIMEOUT -> DialOutFailure.MEDIA;
            default -> DialOutFailure.ERROR;
        };
    }
}
