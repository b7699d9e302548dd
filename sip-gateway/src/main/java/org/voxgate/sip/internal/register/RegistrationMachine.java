package org.voxgate.sip.internal.register;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.RegistrationState;
import org.voxgate.sip.RegistrationStatus;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.schedule.Scheduler;

/**
 * The outbound registration of one trunk (RFC 3261 section 10.2); see {@link RegistrationState}
 * for the drawing. One instance per (trunk, registration settings): when the admin changes the
 * hosts, credentials or expiry, the old machine unregisters and a new one (new Call-ID) starts.
 *
 * <ul>
 *   <li>the first REGISTER goes to the first host; 408, 5xx, a timeout or a transport error
 *       moves to the next host (RFC 3263 section 4.3), and after the last host the machine
 *       waits ({@link Backoff}, or the registrar's Retry-After) and starts over at the first;</li>
 *   <li>401/407 are answered by {@link ChallengeAnswerer} (only the peer, only the realm);</li>
 *   <li>423 is retried once per higher Min-Expires (RFC 3261 section 10.3 step 7);</li>
 *   <li>a 200 schedules the refresh from the expiry granted
 *       ({@link RegistrationSettings#refreshDelayMillis}); refreshes reuse the nonce with nc + 1;</li>
 *   <li>anything else final (403, 404, 6xx, wrong credentials) is FAILED, with back-off.</li>
 * </ul>
 * Thread-safe: every entry point holds the machine's monitor; sends are handed to the
 * transport, which never blocks.
 */
public final class RegistrationMachine implements RegisterTransport.ResponseSink {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationMachine.class);
    private static final String METHOD = "REGISTER";
    private static final int MAX_CHALLENGE_ROUNDS = 3;

    /** Where refusals of foreign challenges go (the gateway's security log). */
    public interface ForeignChallengeLog {
        void foreignChallenge(String source, String detail);
    }

    private final Trunk trunk;
    private final Trunk.Registration registration;
    private final RegistrationSettings settings;
    private final RegisterTransport transport;
    private final Scheduler scheduler;
    private final LongSupplier nowMillis;
    private final Backoff backoff;
    private final ForeignChallengeLog foreignLog;
    private final ChallengeAnswerer answerer;
    private final String callId;
    private final String aorDomain;

    private RegistrationState state = RegistrationState.UNREGISTERED;
    private boolean started;
    private boolean stopping;
    private Runnable onStopped;
    private int hostIndex;
    private long cseq;
    private long inflight = -1;
    private boolean inflightUnregister;
    private int requestedExpirySeconds;
    private int challengeRounds;
    private int failures;
    private boolean bindingMayExist;
    private Scheduler.Timer timer;
    private String registrar;
    private int grantedSeconds;
    private long expiresAtMillis = -1;
    private int lastStatus;
    private String lastFailure;
    private long nextAttemptMillis = -1;

    /**
     * @param trunk     an enabled trunk with a registration
     * @param nowMillis wall clock for the status (expiresAt, nextAttemptAt)
     */
    public RegistrationMachine(Trunk trunk, RegistrationSettings settings, RegisterTransport transport,
                               Scheduler scheduler, LongSupplier nowMillis, Backoff backoff,
                               ForeignChallengeLog foreignLog) {
        this.trunk = Objects.requireNonNull(trunk, "trunk");
        this.registration = Objects.requireNonNull(trunk.registration(), "trunk has no registration");
        this.settings = settings;
        this.transport = transport;
        this.scheduler = scheduler;
        this.nowMillis = nowMillis;
        this.backoff = backoff;
        this.foreignLog = foreignLog;
        this.answerer = new ChallengeAnswerer(registration.credentials());
        this.callId = UUID.randomUUID() + "@" + settings.contactHost();
        String realm = registration.credentials().realm();
        this.aorDomain = realm != null && !realm.isBlank() ? realm : trunk.hosts().get(0);
        this.requestedExpirySeconds = registration.expirySeconds();
    }

    /** Sends the first REGISTER. No-op when already started or stopped. */
    public synchronized void start() {
        if (started || stopping) {
            return;
        }
        started = true;
        attempt();
    }

    /**
     * Removes the binding (Expires: 0 to the current registrar, answering a challenge once) when
     * there may be one, else stops at once. {@code done} runs on a scheduler thread once the
     * machine is UNREGISTERED (after the response, a timeout or a transport error).
     */
    public void stop(Runnable done) {
        boolean finished;
        synchronized (this) {
            Runnable previous = onStopped;
            onStopped = previous == null ? done : () -> {
                previous.run();
                done.run();
            };
            if (stopping) {
                finished = state == RegistrationState.UNREGISTERED;
            } else {
                stopping = true;
                cancelTimer();
                nextAttemptMillis = -1;
                if (bindingMayExist || inflight >= 0) {
                    state = RegistrationState.UNREGISTERING;
                    challengeRounds = 0;
                    send(true, answerer.preemptive(METHOD, requestUri()).orElse(null));
                    return;
                }
                finished = true;
                state = RegistrationState.UNREGISTERED;
            }
        }
        if (finished) {
            finishStop();
        }
    }

    /** The status now. */
    public synchronized RegistrationStatus status() {
        return new RegistrationStatus(trunk.id(), state, registrar, grantedSeconds, instant(expiresAtMillis),
                lastStatus, lastFailure, instant(nextAttemptMillis));
    }

    /** The Call-ID all REGISTERs of this machine carry. */
    public String callId() {
        return callId;
    }

    @Override
    public void onResponse(long cseqOfRequest, RegisterResponse r) {
        boolean stopped = false;
        synchronized (this) {
            if (cseqOfRequest != inflight || r.status() < 200) {
                return; // provisional, or the answer to a request we gave up on
            }
            inflight = -1;
            lastStatus = r.status();
            if (inflightUnregister) {
                stopped = onUnregisterResponse(r);
            } else if (!stopping) {
                onRegisterResponse(r);
            }
        }
        if (stopped) {
            finishStop();
        }
    }

    private void onRegisterResponse(RegisterResponse r) {
        int status = r.status();
        if (status >= 200 && status < 300) {
            registered(r);
        } else if (status == 401 || status == 407) {
            challenged(r);
        } else if (status == 423) {
            tooBrief(r);
        } else if (status == 408 || status >= 500 && status < 600 || r.local()) {
            String why = r.local() ? r.reason() : status + " " + r.reason();
            if (hostIndex + 1 < trunk.hosts().size()) {
                LOG.info("trunk {}: {} from {}, trying {}", trunk.id(), why, host(), trunk.hosts().get(hostIndex + 1));
                lastFailure = why + " (" + host() + ")";
                hostIndex++;
                answerer.reset();
                challengeRounds = 0;
                send(false, null);
            } else {
                fail(RegistrationState.RETRYING, why + " (" + host() + ")", r.retryAfterSeconds());
            }
        } else {
            fail(RegistrationState.FAILED, "refused: " + status + " " + r.reason(), r.retryAfterSeconds());
        }
    }

    private void registered(RegisterResponse r) {
        int granted = r.grantedExpirySeconds() >= 0 ? r.grantedExpirySeconds() : requestedExpirySeconds;
        if (granted == 0) {
            fail(RegistrationState.FAILED, "registrar granted no binding (expires 0)", -1);
            return;
        }
        answerer.accepted();
        failures = 0;
        challengeRounds = 0;
        bindingMayExist = true;
        state = RegistrationState.REGISTERED;
        registrar = host();
        grantedSeconds = granted;
        long now = nowMillis.getAsLong();
        expiresAtMillis = now + granted * 1000L;
        long delay = RegistrationSettings.refreshDelayMillis(granted);
        nextAttemptMillis = now + delay;
        LOG.info("trunk {}: registered at {} for {} s", trunk.id(), registrar, granted);
        schedule(delay, this::refresh);
    }

    private void challenged(RegisterResponse r) {
        if (challengeRounds >= MAX_CHALLENGE_ROUNDS) {
            fail(RegistrationState.FAILED, "challenged " + challengeRounds + " times in a row", -1);
            return;
        }
        ChallengeAnswerer.Result result = answerer.onChallenge(r.status(), r.challenges(), r.fromPeer(), METHOD,
                requestUri());
        if (result instanceof ChallengeAnswerer.Answer a) {
            challengeRounds++;
            send(false, a.authorization());
            return;
        }
        ChallengeAnswerer.Refusal refusal = (ChallengeAnswerer.Refusal) result;
        if (refusal.kind() == ChallengeAnswerer.Refusal.Kind.FOREIGN) {
            foreignLog.foreignChallenge(r.source(), "trunk " + trunk.id() + " REGISTER to " + host() + ": "
                    + refusal.detail());
            fail(RegistrationState.FAILED, "challenge not answered: " + refusal.detail(), -1);
        } else {
            fail(RegistrationState.FAILED, refusal.detail(), -1);
        }
    }

    private void tooBrief(RegisterResponse r) {
        int min = r.minExpiresSeconds();
        if (min <= requestedExpirySeconds || min > RegistrationSettings.MAX_MIN_EXPIRES_SECONDS) {
            fail(RegistrationState.FAILED, "423 Interval Too Brief without a usable Min-Expires (" + min + ")", -1);
            return;
        }
        LOG.info("trunk {}: 423, asking for Min-Expires {} s", trunk.id(), min);
        requestedExpirySeconds = min;
        send(false, answerer.preemptive(METHOD, requestUri()).orElse(null));
    }

    private boolean onUnregisterResponse(RegisterResponse r) {
        if ((r.status() == 401 || r.status() == 407) && challengeRounds < 2) {
            ChallengeAnswerer.Result result = answerer.onChallenge(r.status(), r.challenges(), r.fromPeer(), METHOD,
                    requestUri());
            if (result instanceof ChallengeAnswerer.Answer a) {
                challengeRounds++;
                send(true, a.authorization());
                return false;
            }
            ChallengeAnswerer.Refusal refusal = (ChallengeAnswerer.Refusal) result;
            if (refusal.kind() == ChallengeAnswerer.Refusal.Kind.FOREIGN) {
                foreignLog.foreignChallenge(r.source(), "trunk " + trunk.id() + " un-REGISTER to " + host() + ": "
                        + refusal.detail());
            }
        }
        if (r.status() >= 300) {
            lastFailure = "unregister: " + (r.local() ? r.reason() : r.status() + " " + r.reason());
        }
        state = RegistrationState.UNREGISTERED;
        bindingMayExist = false;
        expiresAtMillis = -1;
        LOG.info("trunk {}: unregistered from {} ({})", trunk.id(), host(), r.status());
        return true;
    }

    private void refresh() {
        synchronized (this) {
            if (stopping || inflight >= 0) {
                return;
            }
            nextAttemptMillis = -1;
            challengeRounds = 0;
            send(false, answerer.preemptive(METHOD, requestUri()).orElse(null));
        }
    }

    private void attempt() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            state = RegistrationState.REGISTERING;
            hostIndex = 0;
            challengeRounds = 0;
            nextAttemptMillis = -1;
            requestedExpirySeconds = Math.max(requestedExpirySeconds, registration.expirySeconds());
            answerer.reset();
            send(false, null);
        }
    }

    private void fail(RegistrationState next, String why, int retryAfterSeconds) {
        failures++;
        state = next;
        lastFailure = why;
        Duration delay = backoff.delay(failures, retryAfterSeconds);
        nextAttemptMillis = nowMillis.getAsLong() + delay.toMillis();
        LOG.warn("trunk {}: registration {}: {}; next attempt in {} s", trunk.id(), next, why, delay.toSeconds());
        schedule(delay.toMillis(), this::attempt);
    }

    /** Sends a REGISTER (or un-REGISTER) to the current host; the last step of every caller. */
    private void send(boolean unregister, RegisterRequest.Authorization authorization) {
        inflightUnregister = unregister;
        int ourPort = settings.port(trunk.transport());
        cseq++;
        inflight = cseq;
        if (!unregister) {
            registrar = host();
        }
        if (ourPort == 0) {
            onResponseLater(cseq, RegisterResponse.transportError("we have no " + trunk.transport().wire()
                    + " listening point"));
            return;
        }
        RegisterRequest request = new RegisterRequest(trunk.id(), host(), trunk.port(), trunk.transport(),
                registration.credentials().username(), aorDomain, callId, cseq,
                unregister ? 0 : requestedExpirySeconds, authorization);
        try {
            transport.send(request, this);
        } catch (RuntimeException e) {
            LOG.debug("trunk {}: send failed", trunk.id(), e);
            onResponseLater(cseq, RegisterResponse.transportError(e.toString()));
        }
    }

    private void onResponseLater(long cseqOfRequest, RegisterResponse r) {
        later(Duration.ZERO, () -> onResponse(cseqOfRequest, r));
    }

    /** Schedules, or drops the task when the gateway's timers are already shut down (closing). */
    private Scheduler.Timer later(Duration delay, Runnable task) {
        try {
            return scheduler.schedule(delay, task);
        } catch (RejectedExecutionException e) {
            LOG.debug("trunk {}: timers stopped, task dropped", trunk.id());
            return () -> { };
        }
    }

    private void finishStop() {
        Runnable done;
        synchronized (this) {
            done = onStopped;
            onStopped = null;
        }
        if (done != null) {
            later(Duration.ZERO, done);
        }
    }

    private void schedule(long delayMillis, Runnable task) {
        cancelTimer();
        timer = later(Duration.ofMillis(delayMillis), task);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private String host() {
        return trunk.hosts().get(hostIndex);
    }

    private String requestUri() {
        return "sip:" + RegisterRequest.hostForUri(host()) + (trunk.port() > 0 ? ":" + trunk.port() : "") + ";transport="
                + trunk.transport().wire();
    }

    private static Instant instant(long millis) {
        return millis < 0 ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public String toString() {
        return "RegistrationMachine[" + trunk.id() + " " + state + "]";
    }
}
