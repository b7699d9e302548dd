package org.voxgate.bridge.api;

/**
 * One DTMF digit.
 *
 * @param digit      0-9, *, #, A-D
 * @param durationMs how long the key was held, as far as the source tells
 * @param source     where it came from
 */
public record DtmfEvent(char digit, int durationMs, DtmfSource source) {
    public DtmfEvent {
        if ("0123456789*#ABCD".indexOf(digit) < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
    }
}
