package org.voxgate.sip;

/**
 * Hears about finished calls (for CDRs). Called once per call, on a gateway thread, after the
 * media leg is closed; implementations must not block for long and must not throw.
 */
@FunctionalInterface
public interface CallListener {
    void callEnded(CallRecord record);
}
