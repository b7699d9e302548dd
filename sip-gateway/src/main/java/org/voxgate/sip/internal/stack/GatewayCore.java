package org.voxgate.sip.internal.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.sip.CallListener;
import org.voxgate.sip.CallRecord;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.MeetingDirectory;
import org.voxgate.sip.SipConfig;
import org.voxgate.sip.internal.ivr.IvrSettings;
import org.voxgate.sip.internal.schedule.ExecutorScheduler;
import org.voxgate.sip.internal.schedule.Scheduler;
import org.voxgate.sip.internal.sessiontimer.SessionTimerPolicy;

/**
 * The running gateway: the stack, the calls by Call-ID, and the dispatch of every JAIN-SIP
 * event. Nothing thrown while handling one message escapes to the stack's threads.
 */
public final class GatewayCore implements SipListenerExt, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCore.class);
    /** MDC key every log line of a call carries. */
    public static final String MDC_CALL_ID = "callId";
    private static final Duration BYE_WAIT = Duration.ofSeconds(2);

    private final SipConfig config;
    private final MediaBridge bridge;
    private final MeetingDirectory directory;
    private final CallListener listener;
    private final RequestValidator validator = new RequestValidator();
    private final SessionTimerPolicy policy;
    private final IvrSettings ivrSettings;
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
    private final Set<SipCall> byesPending = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService timers;
    private final Scheduler scheduler;
    private final AtomicInteger reserved = new AtomicInteger();
    private volatile boolean closing;
    private final java.util.Properties stackOverrides;
    private JainSipStack stack;
    private Responses responses;

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
        this.config = config;
        this.bridge = bridge;
        this.directory = directory;
        this.listener = listener;
        this.policy = new SessionTimerPolicy(config.sessionExpiresSeconds(), config.minSessionExpiresSeconds());
        this.ivrSettings = new IvrSettings(config.digitTimeout(), config.ivrInputTimeout(), config.maxAttempts(),
                Duration.ofSeconds(30));
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

    /** Binds UDP and TCP and starts answering. */
    public synchronized void start() throws Exception {
        if (stack != null) {
            throw new IllegalStateException("already started");
        }
        stack = new JainSipStack(config.bindAddress(), config.udpPort(), config.tcpPort(), this, stackOverrides);
        responses = new Responses(stack, config);
    }

    public int activeCalls() {
        return calls.size();
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

    MeetingDirectory directory() {
        return directory;
    }

    MediaBridge bridge() {
        return bridge;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    void removeCall(SipCall call) {
        calls.remove(call.callId, call);
    }

    void byeStarted(SipCall call) {
        byesPending.add(call);
    }

    void byeFinished(SipCall call) {
        if (byesPending.remove(call)) {
            synchronized (byesPending) {
                byesPending.notifyAll();
            }
        }
    }

    void callEnded(CallRecord record) {
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

    private void send(ServerTransaction tx, Response response) throws Exception {
        if (tx != null) {
            tx.sendResponse(response);
        } else {
            stack.provider().sendResponse(response);
        }
    }

    static String calledNumber(Request request) {
        String user = userOf(request.getRequestURI());
        if (user == null || user.isEmpty()) {
            ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
            user = to == null ? null : userOf(to.getAddress().getURI());
        }
        return user == null ? "" : user;
    }

    private static String userOf(URI uri) {
        if (uri instanceof SipURI s) {
            return s.getUser();
        }
        if (uri instanceof TelURL t) {
            return t.getPhoneNumber();
        }
        return null;
    }

    // ---------------------------------------------------------------- JAIN-SIP events

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        CallIdHeader cid = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        MDC.put(MDC_CALL_ID, cid == null ? "-" : cid.getCallId());
        try {
            dispatch(event, request, cid == null ? "" : cid.getCallId());
        } catch (RuntimeException | Error e) {
            LOG.warn("request handling failed: {}", request.getMethod(), e);
            if (!Request.ACK.equals(request.getMethod())) {
                respond(event.getServerTransaction(), request, 500, null);
            }
        } finally {
            MDC.remove(MDC_CALL_ID);
        }
    }

    private void dispatch(RequestEvent event, Request request, String callId) {
        String method = request.getMethod();
        LOG.trace("{} received", method);
        if (method.equals(Request.ACK)) {
            SipCall call = calls.get(callId);
            if (call != null && call.matchesDialog(request)) {
                call.onAck(request);
            }
            return; // an ACK that matches nothing is dropped (RFC 3261 section 17.2.3)
        }
        Optional<Rejection> rejection = validator.validate(request);
        if (rejection.isPresent()) {
            ServerTransaction tx = serverTransaction(event);
            if (tx != null || event.getServerTransaction() == null) {
                reject(tx, request, rejection.get());
            }
            return;
        }
        if (method.equals(Request.CANCEL)) {
            SipCall call = calls.get(callId);
            if (call == null || event.getServerTransaction() == null) {
                respond(event.getServerTransaction(), request, 481, null);
            } else {
                call.onCancel(event.getServerTransaction(), request);
            }
            return;
        }
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        ServerTransaction tx = serverTransaction(event);
        if (tx == null) {
            return; // a retransmission the stack already handles
        }
        if (toTag == null) {
            outOfDialog(tx, request, callId);
            return;
        }
        SipCall call = calls.get(callId);
        if (call == null || !call.matchesDialog(request)) {
            // RFC 3261 section 12.2.2: no dialog matches the To tag
            respond(tx, request, 481, null);
            return;
        }
        switch (method) {
            case Request.INVITE -> call.onReInvite(tx, request);
            case Request.UPDATE -> call.onUpdate(tx, request);
            case Request.BYE -> call.onBye(tx, request);
            case Request.INFO -> call.onInfo(tx, request);
            case Request.OPTIONS -> options(tx, request);
            default -> respond(tx, request, 405, null);
        }
    }

    private void outOfDialog(ServerTransaction tx, Request request, String callId) {
        switch (request.getMethod()) {
            case Request.OPTIONS -> options(tx, request);
            case Request.INVITE -> newCall(tx, request, callId);
            default -> respond(tx, request, 481, null);
        }
    }

    private void options(ServerTransaction tx, Request request) {
        try {
            Response ok = responses.create(request, 200, null);
            responses.setList(ok, "Accept", RequestValidator.SDP_TYPE);
            send(tx, ok);
        } catch (Exception e) {
            LOG.debug("could not answer OPTIONS", e);
        }
    }

    private void newCall(ServerTransaction tx, Request invite, String callId) {
        if (calls.containsKey(callId)) {
            respond(tx, invite, 482, null); // RFC 3261 section 8.2.2.2 merged request
            return;
        }
        respond(tx, invite, 100, null);
        if (closing) {
            rejectBusy(tx, invite, "shutting down");
            return;
        }
        SipCall call = new SipCall(this, invite, tx);
        synchronized (calls) {
            if (calls.size() >= config.maxCalls()) {
                rejectBusy(tx, invite, "at maxCalls " + config.maxCalls());
                return;
            }
            calls.put(callId, call);
        }
        LOG.debug("INVITE from {} to {}", invite.getHeader("From"), calledNumber(invite));
        try {
            executor.execute(() -> withMdc(callId, call::answer));
        } catch (RejectedExecutionException e) {
            calls.remove(callId, call);
            rejectBusy(tx, invite, "executor saturated");
        }
    }

    private void rejectBusy(ServerTransaction tx, Request invite, String why) {
        LOG.info("call rejected 503 ({})", why);
        try {
            Response r = responses.create(invite, 503, null);
            responses.addRetryAfter(r, 30);
            send(tx, r);
        } catch (Exception e) {
            LOG.debug("could not send 503", e);
        }
        callEnded(new CallRecord(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(),
                invite.getHeader("From").toString().trim(), invite.getHeader("To").toString().trim(), null,
                java.time.Instant.now(), null, java.time.Instant.now(), EndCause.REJECTED, 503, null, null));
    }

    private void reject(ServerTransaction tx, Request request, Rejection rejection) {
        LOG.debug("{} rejected with {}", request.getMethod(), rejection.status());
        try {
            send(tx, responses.reject(request, rejection));
        } catch (Exception e) {
            LOG.debug("could not send {}", rejection.status(), e);
        }
    }

    /** The event's transaction, or a new one; null for a retransmission. */
    private ServerTransaction serverTransaction(RequestEvent event) {
        ServerTransaction tx = event.getServerTransaction();
        if (tx != null) {
            return tx;
        }
        try {
            return stack.provider().getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        } catch (Exception e) {
            LOG.debug("no server transaction, answering statelessly: {}", e.toString());
            return null;
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CallIdHeader cid = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        SipCall call = cid == null ? null : calls.get(cid.getCallId());
        MDC.put(MDC_CALL_ID, cid == null ? "-" : cid.getCallId());
        try {
            if (call != null) {
                call.onResponse(response, event.getClientTransaction());
            } else {
                byResponseOfEndedCall(response);
            }
        } catch (RuntimeException e) {
            LOG.warn("response handling failed", e);
        } finally {
            MDC.remove(MDC_CALL_ID);
        }
    }

    private void byResponseOfEndedCall(Response response) {
        if (response.getStatusCode() < 200) {
            return;
        }
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        for (SipCall c : List.copyOf(byesPending)) {
            if (c.callId.equals(callId)) {
                byeFinished(c);
            }
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction ct = event.getClientTransaction();
        CallIdHeader cid = (CallIdHeader) ct.getRequest().getHeader(CallIdHeader.NAME);
        for (SipCall c : List.copyOf(byesPending)) {
            if (c.callId.equals(cid.getCallId())) {
                c.onClientTimeout(ct);
            }
        }
        SipCall call = calls.get(cid.getCallId());
        if (call != null) {
            withMdc(cid.getCallId(), () -> call.onClientTimeout(ct));
        }
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        String callId = event.getDialog().getCallId().getCallId();
        SipCall call = calls.get(callId);
        if (call != null) {
            LOG.info("no ACK for our 200 OK");
            runAsync(callId, () -> call.hangup(EndCause.NO_ACK));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("transport error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing held per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // calls end on BYE, CANCEL or our hangup; the dialog follows
    }

    /**
     * Hangs up every call with BYE (503 to those not yet answered), waits up to two seconds for
     * the BYE transactions, then stops the stack and the threads. Idempotent.
     */
    @Override
    public void close() {
        closing = true;
        for (SipCall call : List.copyOf(calls.values())) {
            withMdc(call.callId, () -> call.hangup(EndCause.SHUTDOWN));
        }
        long deadline = System.nanoTime() + BYE_WAIT.toNanos();
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
