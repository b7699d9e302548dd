package org.voxgate.sip.internal.ivr;

import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.sip.Meeting;

/**
 * What the IVR tells the call. Called while the machine holds its lock: implementations must
 * not call back into the machine synchronously and should hand work to another thread.
 */
public interface IvrOutcome {

    /** The caller joined {@code meeting}. */
    void joined(Meeting meeting, ParticipantRole role);

    /** The IVR is done with the caller (its goodbye prompt has played): hang up. */
    void hangup(IvrEnd reason);

    /**
     * A moderator typed {@code *9 <digits> #}: call {@code e164} into {@code meeting}. Must only
     * check and post (no SIP lock may be taken here).
     *
     * @param onNotJoined runs (on a gateway thread, never under a call's lock) when a placed call
     *                    ends without the callee joining
     * @return true when the call is being placed, false when it was refused at once
     */
    default boolean dialOutRequested(Meeting meeting, String e164, Runnable onNotJoined) {
        return false;
    }
}
