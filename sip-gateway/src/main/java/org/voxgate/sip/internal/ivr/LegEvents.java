package org.voxgate.sip.internal.ivr;

/**
 * What {@link IvrLegListener} feeds: the IVR of a dial-in, or the "press 1" confirmation of a
 * dial-out (then the IVR once the callee is in the meeting).
 */
public interface LegEvents {

    /** A DTMF digit from any source. */
    void onDigit(char digit);

    /** The bridge finished (or stopped) a prompt list given to {@code MediaLeg.play}. */
    void onPlaybackFinished(boolean completed);
}
