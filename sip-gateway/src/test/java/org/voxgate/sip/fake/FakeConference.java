package org.voxgate.sip.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.Tone;

/** A conference of {@link FakeMediaBridge}: membership, lock, mute-all and tones, recorded. */
public final class FakeConference implements Conference {
    private final String id;
    private final ConferenceOptions options;
    private final List<MediaLeg> members = new CopyOnWriteArrayList<>();
    private final List<Tone> tones = new CopyOnWriteArrayList<>();
    private volatile boolean locked;
    private volatile int muteAllCalls;

    FakeConference(String id, ConferenceOptions options) {
        this.id = id;
        this.options = options;
    }

    void add(MediaLeg leg) {
        members.add(leg);
    }

    void remove(MediaLeg leg) {
        members.remove(leg);
    }

    /** Adds a stand-in participant (another caller) to the conference. */
    public void addOther(MediaLeg other) {
        members.add(other);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ConferenceOptions options() {
        return options;
    }

    @Override
    public List<MediaLeg> participants() {
        return List.copyOf(members);
    }

    @Override
    public int size() {
        return members.size();
    }

    @Override
    public void setLocked(boolean locked) {
        this.locked = locked;
    }

    @Override
    public boolean locked() {
        return locked;
    }

    @Override
    public void muteAllExcept(MediaLeg except) {
        muteAllCalls++;
        for (MediaLeg l : members) {
            if (l != except) {
                l.setMuted(true);
            }
        }
    }

    public int muteAllCalls() {
        return muteAllCalls;
    }

    @Override
    public void playTone(Tone tone) {
        tones.add(tone);
    }

    public List<Tone> tones() {
        return List.copyOf(tones);
    }

    @Override
    public long lateTicks() {
        return 0;
    }

    @Override
    public void close() {
        members.clear();
    }
}
