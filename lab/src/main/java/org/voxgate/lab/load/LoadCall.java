package org.voxgate.lab.load;

import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One generated call: INVITE, ACK to a 2xx (and to an error, section 17.1.1.3), RTP from the
 * answer on, BYE at the end. Over UDP the INVITE is retransmitted (RFC 3261 section 17.1.1.2,
 * timer A doubling from T1 = 500 ms until a provisional response) and so is the BYE (section
 * 17.1.2.2, timer E doubling up to T2 = 4 s, then every T2; every T2 after a provisional
 * response); over TLS neither is (a reliable transport delivers the one copy). Both transports
 * keep the transaction timeouts: timer B (the set-up timeout, 64*T1 by default) and timer F
 * (64*T1 for the BYE). A 2xx that arrives after the call gave up (set-up timeout, CANCEL at the
 * end of the run) is ACKed and ended with a BYE (section 15), so the node does not keep a dialog
 * the generator forgot. Once the call's media is over (our BYE sent, or the call ended: BYE
 * from the node, failure), {@link #onMediaOver} runs once (the run then retires the leg's RTP
 * and wipes its keys).
 * Methods are synchronized: the SIP receive thread, the timer thread and the run's thread call them.
 */
public final class LoadCall<M extends MediaEndpoint> {
    /** Where the call is: placed, answered, hanging up, ended cleanly, or failed (see {@link #failure()}). */
    public enum State { NEW, INVITING, UP, ENDING, ENDED, FAILED }

    static final long T1_MS = 500;
    static final long T2_MS = 4_000;
    /** Timer F: the BYE transaction's timeout, 64*T1 (RFC 3261 section 17.1.2.2). */
    static final long BYE_TIMEOUT_MS = 64 * T1_MS;

    private final SipUac uac;
    private final SipRequests.Dialog dialog;
    private final M media;
    private final String keys;
    private final long keysDelayMs;
    private final long setupTimeoutMs;
    private final String inviteBranch = branch();
    private final int index;
    private final String meeting;
    private State state = State.NEW;
    private String toTag;
    private String remoteTarget;
    private String ack;
    private long inviteNanos;
    private long answerNanos;
    private long endNanos;
    private String failure;
    private boolean provisional;
    private boolean byeProvisional;
    private boolean lateAnswerEnded;
    private ScheduledFuture<?> retransmit;
    private ScheduledFuture<?> timeout;
    private Runnable onMediaOver;
    private boolean mediaOver;

    /**
     * @param keys        digits typed after the answer (access code + '#', PIN + '#'), or ""
     * @param keysDelayMs how long after the answer the first key goes out
     */
    LoadCall(int index, SipUac uac, SipRequests.Dialog dialog, M media, String meeting, String keys,
             long keysDelayMs, long setupTimeoutMs) {
        this.index = index;
        this.uac = uac;
        this.dialog = dialog;
        this.media = media;
        this.meeting = meeting;
        this.keys = keys;
        this.keysDelayMs = keysDelayMs;
        this.setupTimeoutMs = setupTimeoutMs;
    }

    static String branch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    String callId() {
        return dialog.callId();
    }

    /**
     * Runs once when the call's media is over: our BYE went out, or the call reached ENDED or
     * FAILED otherwise (under the call's lock: keep it short).
     */
    synchronized void onMediaOver(Runnable action) {
        this.onMediaOver = action;
    }

    private void mediaOver() {
        if (!mediaOver) {
            mediaOver = true;
            if (onMediaOver != null) {
                onMediaOver.run();
            }
        }
    }

    // ---------------------------------------------------------------- INVITE

    synchronized void start() throws java.io.IOException {
        uac.register(this);
        state = State.INVITING;
        inviteNanos = System.nanoTime();
        sendInvite(T1_MS);
        timeout = uac.schedule(this::setupTimedOut, setupTimeoutMs);
    }

    private String invite() throws java.io.IOException {
        String sdp = SipRequests.offer(dialog.localHost(), media.localPort(), System.nanoTime() & 0xFFFF_FFFL,
                media.offerCrypto(), media.offerCodec());
        return SipRequests.request("INVITE", dialog.requestUri(), dialog, inviteBranch, 1, "INVITE", null,
                "application/sdp", sdp);
    }

    private void sendInvite(long nextMs) {
        if (state != State.INVITING || provisional) {
            return;
        }
        try {
            uac.send(invite());
        } catch (java.io.IOException e) {
            fail("local socket: " + e.getMessage());
            return;
        }
        if (uac.reliable()) {
            return; // RFC 3261 17.1.1.2: timer A only over an unreliable transport; timer B still runs
        }
        retransmit = uac.schedule(() -> {
            synchronized (this) {
                sendInvite(nextMs * 2); // timer A doubles without the T2 cap of non-INVITE requests
            }
        }, nextMs);
    }

    private synchronized void setupTimedOut() {
        if (state == State.INVITING) {
            fail("no final response in " + setupTimeoutMs / 1000 + " s");
        }
    }

    synchronized void onResponse(SipMessage m) {
        int status = m.status();
        String method = m.cseqMethod();
        if (method.equals("BYE")) {
            if (status >= 200 && state == State.ENDING) {
                end(State.ENDED, null);
            } else if (status < 200) {
                byeProvisional = true; // Proceeding: retransmit every T2 from now on
            }
            return;
        }
        if (!method.equals("INVITE")) {
            return;
        }
        if (status < 200) {
            provisional = true;
            return;
        }
        if (status < 300) {
            if (state == State.INVITING) {
                answered(m);
            } else if (ack != null) {
                uac.send(ack); // a retransmitted 200: its ACK got lost
            } else if (state == State.FAILED) {
                lateAnswer(m);
            }
            return;
        }
        // RFC 3261 section 17.1.1.3: ACK a non-2xx final response in the same transaction
        uac.send(SipRequests.request("ACK", dialog.requestUri(), dialog, inviteBranch, 1, "ACK", m.toTag(), null, null));
        if (state == State.INVITING) {
            fail("SIP " + status);
        }
    }

    private void answered(SipMessage ok) {
        answerNanos = System.nanoTime();
        toTag = ok.toTag();
        remoteTarget = ok.contactUri() != null ? ok.contactUri() : dialog.requestUri();
        state = State.UP;
        cancelTimers();
        InetSocketAddress rtp = SipRequests.mediaAddress(ok.body());
        // the answer's key (and payload types) first, before the ACK: a node may send media from
        // its answer on (Voxgate: silence, then the IVR prompt once the ACK arrives), and every
        // packet that comes before the receiving context exists is refused as "no key yet"
        String refused = rtp == null ? "200 OK without usable SDP" : media.onAnswer(ok.body());
        ack = SipRequests.request("ACK", remoteTarget, dialog, branch(), 1, "ACK", toTag, null, null);
        uac.send(ack);
        if (refused != null) {
            uac.send(SipRequests.request("BYE", remoteTarget, dialog, branch(), 2, "BYE", toTag, null, null));
            fail(refused);
            return;
        }
        media.start(rtp, keys, answerNanos + keysDelayMs * 1_000_000L);
    }

    /**
     * A 2xx after the call gave up (set-up timeout, or CANCEL that crossed the 200): the dialog
     * exists at the node all the same. ACK every copy (RFC 3261 13.2.2.4), BYE once (section 15).
     */
    private void lateAnswer(SipMessage ok) {
        String target = ok.contactUri() != null ? ok.contactUri() : dialog.requestUri();
        uac.send(SipRequests.request("ACK", target, dialog, branch(), 1, "ACK", ok.toTag(), null, null));
        if (!lateAnswerEnded) {
            lateAnswerEnded = true;
            uac.send(SipRequests.request("BYE", target, dialog, branch(), 2, "BYE", ok.toTag(), null, null));
        }
    }

    // ---------------------------------------------------------------- ending

    /** The node hung up. */
    synchronized void onRemoteBye() {
        if (state == State.UP) {
            fail("BYE from the node during the call");
        } else if (state == State.ENDING) {
            end(State.ENDED, null); // BYEs crossed
        }
    }

    /** Ends the call from our side at the end of the run. */
    public synchronized void hangup() {
        switch (state) {
            case UP -> {
                state = State.ENDING;
                media.stop();
                sendBye();
                mediaOver(); // nothing more to send or measure: the keys need not wait for the 200
                timeout = uac.schedule(() -> {
                    synchronized (this) {
                        if (state == State.ENDING) {
                            end(State.FAILED, "BYE not answered in " + BYE_TIMEOUT_MS / 1000 + " s");
                        }
                    }
                }, BYE_TIMEOUT_MS);
            }
            case INVITING -> {
                uac.send(SipRequests.request("CANCEL", dialog.requestUri(), dialog, inviteBranch, 1, "CANCEL", null,
                        null, null));
                fail("not answered by the end of the run");
            }
            default -> { }
        }
    }

    private void sendBye() {
        String bye = SipRequests.request("BYE", remoteTarget, dialog, branch(), 2, "BYE", toTag, null, null);
        retransmitBye(bye, T1_MS);
    }

    private void retransmitBye(String bye, long nextMs) {
        if (state != State.ENDING) {
            return;
        }
        uac.send(bye);
        if (uac.reliable()) {
            return; // RFC 3261 17.1.2.2: timer E only over an unreliable transport; timer F still runs
        }
        long next = byeProvisional ? T2_MS : nextMs;
        retransmit = uac.schedule(() -> {
            synchronized (this) {
                retransmitBye(bye, Math.min(next * 2, T2_MS));
            }
        }, next);
    }

    private void fail(String cause) {
        end(State.FAILED, cause);
    }

    private void end(State to, String cause) {
        if (state == State.ENDED || state == State.FAILED) {
            return;
        }
        state = to;
        failure = cause;
        endNanos = System.nanoTime();
        cancelTimers();
        media.close();
        mediaOver();
    }

    private void cancelTimers() {
        if (retransmit != null) {
            retransmit.cancel(false);
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    // ---------------------------------------------------------------- results

    public synchronized State state() {
        return state;
    }

    /** Set-up time (INVITE to 200 OK) in ms, or -1 when never answered. */
    public synchronized double setupMs() {
        return answerNanos == 0 ? -1 : (answerNanos - inviteNanos) / 1e6;
    }

    public synchronized long answerNanos() {
        return answerNanos;
    }

    public synchronized String failure() {
        return failure;
    }

    int index() {
        return index;
    }

    String meeting() {
        return meeting;
    }

    public M media() {
        return media;
    }

    synchronized long durationNanos() {
        return answerNanos == 0 ? 0 : (endNanos == 0 ? System.nanoTime() : endNanos) - answerNanos;
    }
}
