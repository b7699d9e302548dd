package org.voxgate.srtp;

import java.util.Objects;

/**
 * Everything about a context except its keys: profile, replay window size, session parameters
 * of RFC 4568 section 6.3 (UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP, UNAUTHENTICATED_SRTP) and how many
 * streams (SSRCs) one context may hold. Immutable.
 *
 * @param profile               the protection profile
 * @param replayWindow          replay window size in packets, 64 to 32768 (default 128;
 *                              RFC 3711 section 3.3.2 requires at least 64)
 * @param encryptRtp            false only for UNENCRYPTED_SRTP
 * @param encryptRtcp           false only for UNENCRYPTED_SRTCP (the E flag is then 0)
 * @param authenticateRtp       false only for UNAUTHENTICATED_SRTP (SRTCP is always authenticated)
 * @param maxStreams            the most SSRCs one context tracks (default 64)
 */
public record SrtpPolicy(SrtpProfile profile, int replayWindow, boolean encryptRtp, boolean encryptRtcp,
                         boolean authenticateRtp, int maxStreams) {

    public static final int DEFAULT_REPLAY_WINDOW = 128;
    public static final int DEFAULT_MAX_STREAMS = 64;

    public SrtpPolicy {
        Objects.requireNonNull(profile, "profile");
        if (replayWindow < 64 || replayWindow > 32768) {
            throw new IllegalArgumentException("replay window must be 64..32768, got " + replayWindow);
        }
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be positive");
        }
        if (profile.isAead() && !authenticateRtp) {
            throw new IllegalArgumentException("AEAD profiles always authenticate");
        }
    }

    /** Defaults: window 128, everything encrypted and authenticated. */
    public static SrtpPolicy of(SrtpProfile profile) {
        return new SrtpPolicy(profile, DEFAULT_REPLAY_WINDOW, true, true, true, DEFAULT_MAX_STREAMS);
    }

    public SrtpPolicy withReplayWindow(int packets) {
        return new SrtpPolicy(profile, packets, encryptRtp, encryptRtcp, authenticateRtp, maxStreams);
    }

    public SrtpPolicy withSessionParams(boolean encryptRtp, boolean encryptRtcp, boolean authenticateRtp) {
        return new SrtpPolicy(profile, replayWindow, encryptRtp, encryptRtcp, authenticateRtp, maxStreams);
    }

    public SrtpPolicy withMaxStreams(int streams) {
        return new SrtpPolicy(profile, replayWindow, encryptRtp, encryptRtcp, authenticateRtp, streams);
    }
}
