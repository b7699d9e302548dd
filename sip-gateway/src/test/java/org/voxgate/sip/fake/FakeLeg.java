package org.voxgate.sip.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.DtmfSource;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegStats;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.api.Tone;

/** A leg of {@link FakeMediaBridge}: records what the gateway asked of it. */
public final class FakeLeg implements MediaLeg {
    private final FakeMediaBridge bridge;
    private final String id;
    private final String callId;
    private final LegListener listener;
    private final List<List<Prompt>> played = new CopyOnWriteArrayList<>();
    private final List<Tone> tones = new CopyOnWriteArrayList<>();
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private final List<DtmfEvent> injected = new CopyOnWriteArrayList<>();
    private final int localPort;
    private long sdpVersion = 1;
    private int playGeneration;
    private boolean playing;
    private FakeConference conference;
    private ParticipantRole role;
    private boolean muted;
    private boolean closed;
    private String codec;
    private String remoteDirection;

    FakeLeg(FakeMediaBridge bridge, String id, String callId, LegListener listener) {
        this.bridge = bridge;
        this.id = id;
        this.callId = callId;
        this.listener = listener;
        this.localPort = 20000 + 2 * Integer.parseInt(id.substring(4));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String callId() {
        return callId;
    }

    private synchronized void open() {
        if (closed) {
            throw new IllegalStateException("leg closed");
        }
    }

    @Override
    public synchronized String answer(String offerSdp) throws SdpException {
        open();
        FakeSdp.Offer offer = FakeSdp.parse(offerSdp);
        int pt = offer.payloadTypes().contains("0") ? 0 : offer.payloadTypes().contains("8") ? 8 : -1;
        if (pt < 0) {
            throw new SdpException(305, false, "none of PCMU, PCMA offered");
        }
        codec = pt == 0 ? "PCMU" : "PCMA";
        remoteDirection = offer.direction();
        String answer = FakeSdp.build(sdpVersion++, localPort, pt, offer.telephoneEventPt(), FakeSdp.mirror(offer.direction()));
        answers.add(answer);
        return answer;
    }

    @Override
    public synchronized String createOffer() {
        open();
        String offer = "v=0\r\no=voxgate 4242 " + sdpVersion++ + " IN IP4 127.0.0.1\r\ns=voxgate\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=audio " + localPort + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
        answers.add(offer);
        return offer;
    }

    @Override
    public synchronized void acceptAnswer(String answerSdp) throws SdpException {
        open();
        FakeSdp.Offer answer = FakeSdp.parse(answerSdp);
        if (answer.payloadTypes().contains("0")) {
            codec = "PCMU";
        } else if (answer.payloadTypes().contains("8")) {
            codec = "PCMA";
        } else {
            throw new SdpException(305, false, "answer picked nothing we offered");
        }
        remoteDirection = answer.direction();
    }

    @Override
    public void play(List<Prompt> prompts) {
        int generation;
        boolean replaced;
        synchronized (this) {
            open();
            replaced = playing;
            playing = true;
            generation = ++playGeneration;
            played.add(List.copyOf(prompts));
        }
        if (replaced) {
            bridge.event(() -> listener.onPlaybackFinished(this, false));
        }
        bridge.schedulePlaybackEnd(() -> finish(generation, true));
    }

    /** Records the list like {@link #play} and remembers that it was to stop when others join. */
    @Override
    public void playWhileAlone(List<Prompt> prompts) {
        play(prompts);
        synchronized (this) {
            whileAloneGeneration = playGeneration;
        }
    }

    /** Whether the list playing now was given to {@link #playWhileAlone}. */
    public synchronized boolean playingWhileAlone() {
        return playing && whileAloneGeneration == playGeneration;
    }

    private int whileAloneGeneration = -1;

    private void finish(int generation, boolean completed) {
        synchronized (this) {
            if (!playing || generation != playGeneration || closed) {
                return;
            }
            playing = false;
        }
        bridge.event(() -> listener.onPlaybackFinished(this, completed));
    }

    /** Manual playback: the current prompt list ends now. */
    public void finishPlayback() {
        int g;
        synchronized (this) {
            g = playGeneration;
        }
        finish(g, true);
    }

    @Override
    public void stopPlayback() {
        int g;
        synchronized (this) {
            open();
            g = playGeneration;
        }
        finish(g, false);
    }

    public synchronized boolean playing() {
        return playing;
    }

    @Override
    public void playTone(Tone tone) {
        open();
        tones.add(tone);
    }

    @Override
    public void join(Conference conference, ParticipantRole role) {
        synchronized (this) {
            open();
            if (this.conference != null) {
                this.conference.remove(this);
            }
            this.conference = (FakeConference) conference;
            this.role = role;
        }
        ((FakeConference) conference).add(this);
    }

    @Override
    public void leave() {
        FakeConference c;
        synchronized (this) {
            open();
            c = conference;
            conference = null;
        }
        if (c != null) {
            c.remove(this);
        }
    }

    @Override
    public synchronized Conference conference() {
        return conference;
    }

    public synchronized ParticipantRole role() {
        return role;
    }

    @Override
    public synchronized void setMuted(boolean muted) {
        open();
        this.muted = muted;
    }

    @Override
    public synchronized boolean muted() {
        return muted;
    }

    @Override
    public void injectDtmf(char digit, int durationMs, DtmfSource source) {
        open();
        DtmfEvent e = new DtmfEvent(digit, durationMs, source);
        injected.add(e);
        bridge.event(() -> listener.onDtmf(this, e));
    }

    /** Simulates an RFC 4733 telephone-event arriving over RTP. */
    public void receiveRfc4733(char digit) {
        DtmfEvent e = new DtmfEvent(digit, 100, DtmfSource.RFC4733);
        bridge.event(() -> listener.onDtmf(this, e));
    }

    /** Simulates the bridge's media timeout. */
    public void timeOutMedia() {
        bridge.event(() -> listener.onMediaTimeout(this));
    }

    @Override
    public synchronized LegStats stats() {
        return new LegStats(codec, 0, 0, 0, 0, 0.0);
    }

    @Override
    public void close() {
        FakeConference c;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            playing = false;
            c = conference;
            conference = null;
        }
        if (c != null) {
            c.remove(this);
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Every prompt list played, oldest first. */
    public List<List<Prompt>> played() {
        return List.copyOf(played);
    }

    /** Every prompt played, flattened. */
    public List<Prompt> prompts() {
        List<Prompt> all = new ArrayList<>();
        played.forEach(all::addAll);
        return all;
    }

    public List<Prompt> lastPlayed() {
        return played.isEmpty() ? List.of() : played.get(played.size() - 1);
    }

    public List<DtmfEvent> injected() {
        return List.copyOf(injected);
    }

    public List<String> sdpSent() {
        return List.copyOf(answers);
    }

    public synchronized String remoteDirection() {
        return remoteDirection;
    }

    public List<Tone> tones() {
        return List.copyOf(tones);
    }
}
