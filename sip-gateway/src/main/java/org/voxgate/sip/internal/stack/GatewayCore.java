package org.voxgate.sip.internal.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.voxgate.sip.internal.security.SecurityLog;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.sip.CallListener;
import org.voxgate.sip.CallRecord;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.MeetingDirectory;
import org.voxgate.sip.TrunkDirectory;
import org.voxgate.sip.SipConfig;
import org.voxgate.sip.internal.defence.Defence;
import org.voxgate.sip.RegistrationStatus;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.internal.ivr.IvrSettings;
import org.voxgate.sip.internal.register.RegistrationSettings;
import org.voxgate.sip.internal.register.Registrations;
import org.voxgate.sip.internal.schedule.ExecutorScheduler;
import org.voxgate.sip.internal.schedule.Scheduler;
import org.voxgate.sip.internal.sessiontimer.SessionTimerPolicy;
import org.voxgate.sip.internal.trunk.NonceService;
import org.voxgate.sip.internal.trunk.TrunkAdmission;
import org.voxgate.sip.internal.trunk.TrunkLimits;

/**
 * The running gateway: the stack, the calls by Call-ID, the call executor and timers, and the
 * shutdown. {@link SipDispatcher} turns the stack's events into calls on it and on the calls.
 */
public final class GatewayCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCore.class);
    /** MDC key every log line of a call carries. */
    public static final String MDC_CALL_ID = "callId";
    private static final Duration BYE_WAIT = Duration.ofSeconds(2);

    private final SipConfig config;
    private final MediaBridge bridge;
    private final MeetingDirectory directory;
    private volatile TrunkDirectory trunks = TrunkDirectory.none();
    private volatile boolean allowLoopbackTrunkHosts = true;
    private volatile org.voxgate.sip.SipLocator locator; // RFC 3263; made on first use unless set
    private final CallListener listener;
    private final SessionTimerPolicy policy;
    private final IvrSettings ivrSettings;
    private final Map<String, DialogCall> calls = new ConcurrentHashMap<>();
    private final Set<DialogCall> byesPending = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService timers;
    private final Scheduler scheduler;
    private volatile boolean closing;
    private final java.util.Properties stackOverrides;
    private JainSipStack stack;
    private Responses responses;
    private final SecurityLog securityLog = new SecurityLog();
    private final SipCounters counters = new SipCounters(securityLog);
    private final Defence defence;
    private volatile boolean started;
    private volatile org.voxgate.sip.DialOutSettings dialOutSettings = org.voxgate.sip.DialOutSettings.defaults();
    /** Dial-outs by id, the newest {@value #DIAL_OUTS_KEPT} (live or finished), for status look-ups. */
    private final Map<String, org.voxgate.sip.DialOut> dialOuts = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, org.voxgate.sip.DialOut> eldest) {
                    return size() > DIAL_OUTS_KEPT;
                }
            });
    static final int DIAL_OUTS_KEPT = 10_000;
    private volatile Registrations registrations;
    private RegistrationSettings registrationSettings;
    private final TrunkLimits trunkLimits = new TrunkLimits(System::nanoTime);
    private volatile TrunkAdmission admission;

    public GatewayCore(SipConfig config, MediaBridge bridge, MeetingDirectory directory, CallListener listener) {
        this(config, bridge, directory, listener, null);
    }

    /** @param scheduler timers for the IVR and RFC 4028, or null for a real-time one (tests pass a fake) */
    GatewayCore(SipConfig config, MediaBridge bridge, MeetingDirectory directory, CallListener listener,
                Scheduler scheduler) {
        this(config, bridge, directory, listener, scheduler, new java.util.Properties());
    }

    /** @param stackOverrides NIST stack properties for tests (shorter dialog timeouts) */
    GatewayCore(SipConfig config, MediaBridge bridge, MeetingDirectory directory, CallListener listener,
                Scheduler scheduler, java.util.Properties stackOverrides) {
        this.stackOverrides = stackOverrides;
        this.defence = new Defence(config.defence(), securityLog, bridge::loadRatio);
        this.config = config;
        this.bridge = bridge;
        this.directory = directory;
        this.listener = listener;
        this.policy = new SessionTimerPolicy(config.sessionExpiresSeconds(), config.minSessionExpiresSeconds());
        this.ivrSettings = new IvrSettings(config.digitTimeout(), config.ivrInputTimeout(), config.maxAttempts(),
                Duration.ofSeconds(30), config.conference());
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "sip-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.executor.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor stpe = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-timer");
            t.setDaemon(true);
            return t;
        });
        stpe.setRemoveOnCancelPolicy(true);
        this.timers = stpe;
        this.scheduler = scheduler != null ? scheduler : new ExecutorScheduler(timers);
    }

    /** Binds UDP, TCP (and TLS when configured) and starts answering. */
    public synchronized void start() throws Exception {
        if (stack != null) {
            throw new IllegalStateException("already started");
        }
        admission = new TrunkAdmission(config.localCallerNetworks(), trunks,
                new NonceService(System::currentTimeMillis, new java.security.SecureRandom()), config.realm(),
                config.digestAlgorithms().stream()
                        .map(a -> org.voxgate.sip.internal.digest.DigestAlgorithm.fromWire(a).orElseThrow()).toList());
        stack = new JainSipStack(config.bindAddress(), config.advertisedHost(), config.udpPort(), config.tcpPort(),
                config.tlsPort(), config.tls(), new SipDispatcher(this), stackOverrides);
        responses = new Responses(stack, config, counters);
        if (registrationSettings == null) {
            registrationSettings = RegistrationSettings.of(config.advertisedHost(), config.udpPort(), config.tcpPort(),
                    config.tlsPort());
        }
        registrations = new Registrations(trunks, registrationSettings, new RegisterSender(this), scheduler,
                System::currentTimeMillis, new java.util.Random(),
                (source, detail) -> securityLog.reject(source, SecurityReason.FOREIGN_CHALLENGE, detail));
        registrations.start();
        started = true;
    }

    /** Outbound registration status per trunk id; empty before {@link #start()}. */
    public Map<String, RegistrationStatus> registrations() {
        Registrations r = registrations;
        return r == null ? Map.of() : r.statuses();
    }

    /** For tests: registration timing (back-off, directory polling); call before {@link #start()}. */
    synchronized void registrationSettings(RegistrationSettings settings) {
        this.registrationSettings = settings;
    }

    RegistrationSettings registrationSettings() {
        return registrationSettings;
    }

    public int activeCalls() {
        return calls.size();
    }

    public org.voxgate.sip.SipStatistics statistics() {
        return counters;
    }

    /** Started and not closing. */
    public boolean running() {
        return started && !closing;
    }

    /** Sets the dial-out timers (ring, host, confirmation); applies to dial-outs started afterwards. */
    public void dialOutSettings(org.voxgate.sip.DialOutSettings settings) {
        this.dialOutSettings = java.util.Objects.requireNonNull(settings, "settings");
    }

    /**
     * Places a dial-out (see {@link org.voxgate.sip.SipGateway#dialOut}).
     *
     * @throws org.voxgate.sip.DialOutRefusedException before any packet is sent
     */
    public org.voxgate.sip.DialOut dialOut(org.voxgate.sip.DialOutRequest request)
            throws org.voxgate.sip.DialOutRefusedException {
        return dialOut(request, null);
    }

    /** @param onNotJoined posted to the call executor when the dial-out ends without joining, or null */
    private org.voxgate.sip.DialOut dialOut(org.voxgate.sip.DialOutRequest request, Runnable onNotJoined)
            throws org.voxgate.sip.DialOutRefusedException {
        java.util.Objects.requireNonNull(request, "request");
        if (!running()) {
            throw new org.voxgate.sip.DialOutRefusedException(
                    org.voxgate.sip.DialOutRefusedException.Reason.NOT_RUNNING, "the SIP gateway is not running");
        }
        org.voxgate.sip.Trunk trunk = org.voxgate.sip.internal.dialout.DialOutChecks.check(request, trunks.trunks());
        if (trunk.transport() == org.voxgate.sip.Trunk.Transport.TLS && config.tlsPort() == 0) {
            throw new org.voxgate.sip.DialOutRefusedException(
                    org.voxgate.sip.DialOutRefusedException.Reason.TRANSPORT_UNAVAILABLE,
                    "trunk " + trunk.id() + " uses TLS and the gateway has no TLS listening point");
        }
        // the trunk's channel and calls-per-second limits count dial-outs too (released in OutboundCall.end)
        org.voxgate.sip.internal.trunk.TrunkLimits.Grant grant = trunkLimits.acquire(trunk);
        if (grant != org.voxgate.sip.internal.trunk.TrunkLimits.Grant.GRANTED) {
            throw new org.voxgate.sip.DialOutRefusedException(
                    org.voxgate.sip.DialOutRefusedException.Reason.AT_CAPACITY, "trunk " + trunk.id() + ": "
                    + (grant == org.voxgate.sip.internal.trunk.TrunkLimits.Grant.RATE_EXCEEDED
                    ? "maxCallsPerSecond " + trunk.maxCallsPerSecond() : "maxChannels " + trunk.maxChannels()));
        }
        String callId = stack.provider().getNewCallId().getCallId();
        OutboundCall call = new OutboundCall(this, callId, request, trunk, dialOutSettings, onNotJoined);
        if (!register(call)) {
            trunkLimits.release(trunk.id());
            throw new org.voxgate.sip.DialOutRefusedException(
                    org.voxgate.sip.DialOutRefusedException.Reason.AT_CAPACITY, "at maxCalls " + config.maxCalls());
        }
        counters.callStarted();
        DialOutHandle handle = call.handle();
        dialOuts.put(handle.id(), handle);
        if (!execute(callId, call::start)) {
            removeCall(call);
            dialOuts.remove(handle.id());
            trunkLimits.release(trunk.id());
            throw new org.voxgate.sip.DialOutRefusedException(
                    org.voxgate.sip.DialOutRefusedException.Reason.AT_CAPACITY, "call executor saturated");
        }
        return handle;
    }

    /** A dial-out by id, live or among the last {@value #DIAL_OUTS_KEPT}. */
    public java.util.Optional<org.voxgate.sip.DialOut> findDialOut(String id) {
        return java.util.Optional.ofNullable(dialOuts.get(id));
    }

    /**
     * Keypad dial-out (*9 number #): through the first enabled outbound trunk of the meeting's
     * account that allows {@code e164}. False when none does or the dial-out was refused.
     */
    boolean keypadDialOut(org.voxgate.sip.Meeting meeting, String e164, Runnable onNotJoined) {
        java.util.Optional<String> account;
        try {
            account = directory.accountOf(meeting.id());
        } catch (RuntimeException e) {
            LOG.warn("meeting directory failed", e);
            return false;
        }
        java.util.Optional<org.voxgate.sip.Trunk> trunk = account.flatMap(
                a -> org.voxgate.sip.internal.dialout.DialOutChecks.firstFor(a, e164, trunks.trunks()));
        if (trunk.isEmpty()) {
            LOG.info("keypad dial-out refused: no trunk of the meeting's account allows the number");
            return false;
        }
        try {
            dialOut(new org.voxgate.sip.DialOutRequest(meeting, e164, trunk.get().id()), onNotJoined);
            return true;
        } catch (org.voxgate.sip.DialOutRefusedException e) {
            LOG.info("keypad dial-out refused: {} {}", e.reason(), e.getMessage());
            return false;
        }
    }

    /** The security log every refusal of suspicious traffic goes to. */
    SecurityLog securityLog() {
        return securityLog;
    }

    /**
     * Per-source limits and bans. Digest code reports each failed authentication with
     * {@code defence().authFailed(source)}.
     */
    public Defence defence() {
        return defence;
    }

    SipCounters counters() {
        return counters;
    }

    // ---------------------------------------------------------------- accessors for SipCall

    JainSipStack stack() {
        return stack;
    }

    Responses responses() {
        return responses;
    }

    SessionTimerPolicy policy() {
        return policy;
    }

    IvrSettings ivrSettings() {
        return ivrSettings;
    }

    /** Sets the trunks the gateway serves (before {@link #start()}); read live for every call. */
    public void trunks(TrunkDirectory trunks) {
        this.trunks = java.util.Objects.requireNonNull(trunks, "trunks");
    }

    TrunkDirectory trunks() {
        return trunks;
    }

    /** How trunk hosts become targets (RFC 3263): set before {@link #start()}; the default asks /etc/resolv.conf's servers. */
    public void locator(org.voxgate.sip.SipLocator locator) {
        this.locator = java.util.Objects.requireNonNull(locator, "locator");
    }

    org.voxgate.sip.SipLocator locator() {
        org.voxgate.sip.SipLocator l = locator;
        if (l == null) {
            synchronized (this) {
                if (locator == null) {
                    locator = org.voxgate.sip.SipLocator.create(java.util.List.of());
                }
                l = locator;
            }
        }
        return l;
    }

    /**
     * The targets of all of {@code trunk}'s hosts, host by host in the trunk's order, each host's
     * as RFC 3263 orders them; blocks on DNS. The caller checks each address with
     * {@link #refusedTrunkAddress} before it sends.
     */
    java.util.List<org.voxgate.sip.SipTarget> locate(org.voxgate.sip.Trunk trunk) {
        java.util.Map<String, org.voxgate.sip.SipTarget> out = new java.util.LinkedHashMap<>();
        for (String host : trunk.hosts()) {
            for (org.voxgate.sip.SipTarget t : locator().locate(host, trunk.port(), trunk.transport())) {
                out.putIfAbsent(t.toString(), t);
            }
        }
        return java.util.List.copyOf(out.values());
    }

    /** Whether a trunk host may resolve to a loopback address (the server passes admin.allowInternalTrunkHosts). */
    public void allowLoopbackTrunkHosts(boolean allow) {
        this.allowLoopbackTrunkHosts = allow;
    }

    /**
     * Why we must not send to {@code a} on behalf of a trunk, or null when we may: the wildcard,
     * link-local (169.254.169.254 is the cloud metadata service) and multicast addresses never;
     * loopback only when allowed. Checked on the resolved address at every connect, so a name
     * that the admin API accepted cannot be re-pointed at the node itself later (SSRF).
     */
    String refusedTrunkAddress(java.net.InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()) {
            return a.getHostAddress() + " (wildcard, link-local or multicast)";
        }
        if (a.isLoopbackAddress() && !allowLoopbackTrunkHosts) {
            return a.getHostAddress() + " (loopback; allowed only with admin.allowInternalTrunkHosts)";
        }
        return null;
    }

    /** Who new INVITEs belong to (set by {@link #start()}). */
    TrunkAdmission admission() {
        return admission;
    }

    /**
     * The channel and calls-per-second limits of every trunk, shared by inbound admission and
     * dial-out: {@code acquire} before a new call, {@code release} once when a granted call ends.
     */
    public TrunkLimits trunkLimits() {
        return trunkLimits;
    }

    /**
     * A digest authentication from {@code source} failed (wrong password or unknown user).
     * The caller has written the security log; this counts toward the source's ban
     * ({@code sip.defence.authFailuresBeforeBan} in {@code authFailureWindowSeconds}).
     */
    void authFailed(java.net.InetAddress source) {
        if (source != null && defence.authFailed(source)) {
            LOG.info("source {} banned after repeated failed authentications", source.getHostAddress());
        }
    }

    MeetingDirectory directory() {
        return directory;
    }

    MediaBridge bridge() {
        return bridge;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    SipConfig config() {
        return config;
    }

    boolean closing() {
        return closing;
    }

    DialogCall call(String callId) {
        return calls.get(callId);
    }

    /** Registers a new call unless {@code maxCalls} are live; false when full. */
    boolean register(DialogCall call) {
        synchronized (calls) {
            if (calls.size() >= config.maxCalls()) {
                return false;
            }
            calls.put(call.callId, call);
            return true;
        }
    }

    /** Runs a call's first task (the answer) on the call executor; false when it is saturated. */
    boolean execute(String callId, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    withMdc(callId, task);
                } catch (RuntimeException | Error e) {
                    LOG.error("call task failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Ended calls whose BYE is still unanswered, with this Call-ID. */
    List<DialogCall> byesPendingFor(String callId) {
        return byesPending.stream().filter(c -> c.callId.equals(callId)).toList();
    }

    void removeCall(DialogCall call) {
        calls.remove(call.callId, call);
    }

    void byeStarted(DialogCall call) {
        byesPending.add(call);
    }

    void byeFinished(DialogCall call) {
        if (byesPending.remove(call)) {
            synchronized (byesPending) {
                byesPending.notifyAll();
            }
        }
    }

    void callEnded(CallRecord record) {
        counters.callEnded(record.cause());
        if (listener == null) {
            return;
        }
        try {
            listener.callEnded(record);
        } catch (RuntimeException e) {
            LOG.warn("call listener failed", e);
        }
    }

    void withMdc(String callId, Runnable task) {
        MDC.put(MDC_CALL_ID, callId);
        try {
            task.run();
        } finally {
            MDC.remove(MDC_CALL_ID);
        }
    }

    void runAsync(String callId, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    withMdc(callId, task);
                } catch (RuntimeException | Error e) {
                    LOG.error("call task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("call executor refused a task (shutting down or saturated)");
        }
    }

    /** Sends a response on {@code tx}, or statelessly when there is none. Never throws. */
    void respond(ServerTransaction tx, Request request, int status, String localTag) {
        try {
            send(tx, responses.create(request, status, localTag));
        } catch (Exception e) {
            LOG.debug("could not send {}", status, e);
        }
    }

    void send(ServerTransaction tx, Response response) throws Exception {
        if (tx != null) {
            tx.sendResponse(response);
        } else {
            stack.provider().sendResponse(response);
        }
    }

    /**
     * Hangs up every call with BYE (503 to those not yet answered), waits up to two seconds for
     * the BYE transactions, then stops the stack and the threads. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        for (DialogCall call : List.copyOf(calls.values())) {
            withMdc(call.callId, () -> call.hangup(EndCause.SHUTDOWN));
        }
        long deadline = System.nanoTime() + BYE_WAIT.toNanos();
        Registrations r = registrations;
        if (r != null) {
            r.close(BYE_WAIT); // Expires: 0 to every registrar, while the BYEs are under way
        }
        synchronized (byesPending) {
            while (!byesPending.isEmpty() && System.nanoTime() < deadline) {
                try {
                    byesPending.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        synchronized (this) {
            if (stack != null) {
                stack.stop();
            }
        }
        executor.shutdownNow();
        timers.shutdownNow();
    }
}
