package org.voxgate.lab.load;

import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One generated call: INVITE with retransmissions (RFC 3261 section 17.1.1.2, timer A doubling
 * from T1 = 500 ms until a provisional response), ACK to a 2xx (and to an error, section
 * 17.1.1.3), RTP from the answer on, BYE at the end with retransmissions until answered.
 * Methods are synchronized: the SIP receive thread, the timer thread and the run's thread call them.
 */
public final class LoadCall<M extends MediaEndpoint> {
    /** Where the call is: placed, answered, hanging up, ended cleanly, or failed (see {@link #failure()}). */
    public enum State { NEW, INVITING, UP, ENDING, ENDED, FAILED }

    private static final long T1_MS = 500;
    private static final long BYE_TIMEOUT_MS = 8_000;

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
    private ScheduledFuture<?> retransmit;
    private ScheduledFuture<?> timeout;

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
        retransmit = uac.schedule(() -> {
            synchronized (this) {
                sendInvite(Math.min(nextMs * 2, 4_000));
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
        ack = SipRequests.request("ACK", remoteTarget, dialog, branch(), 1, "ACK", toTag, null, null);
        uac.send(ack);
        InetSocketAddress rtp = SipRequests.mediaAddress(ok.body());
        if (rtp == null) {
            uac.send(SipRequests.request("BYE", remoteTarget, dialog, branch(), 2, "BYE", toTag, null, null));
            fail("200 OK without usable SDP");
            return;
        }
        String refused = media.onAnswer(ok.body());
        if (refused != null) {
            uac.send(SipRequests.request("BYE", remoteTarget, dialog, branch(), 2, "BYE", toTag, null, null));
            fail(refused);
            return;
        }
        media.start(rtp, keys, answerNanos + keysDelayMs * 1_000_000L);
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
        retransmit = uac.schedule(() -> {
            synchronized (this) {
                retransmitBye(bye, Math.min(nextMs * 2, 4_000));
            }
        }, nextMs);
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
