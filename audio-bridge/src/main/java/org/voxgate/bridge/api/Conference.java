package org.voxgate.bridge.api;

import java.util.List;

/**
 * A mixed conference. Owned by one mixer thread; these methods only post work to it and are
 * safe from any thread.
 */
public interface Conference {

    String id();

    ConferenceOptions options();

    /** Legs currently joined. A snapshot. */
    List<MediaLeg> participants();

    int size();

    /** A locked conference refuses {@link MediaLeg#join} from new legs (signalling checks it). */
    void setLocked(boolean locked);

    boolean locked();

    /** Mutes every participant but {@code except} (which may be null). */
    void muteAllExcept(MediaLeg except);

    /** Plays a tone to every participant (entry and exit tones). */
    void playTone(Tone tone);

    /** Mixer ticks that ran late since the conference started. */
    long lateTicks();

    /** Removes every participant and frees the conference. Idempotent. */
    void close();
}
