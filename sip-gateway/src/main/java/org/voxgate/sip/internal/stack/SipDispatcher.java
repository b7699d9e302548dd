package org.voxgate.sip.internal.stack;

import java.time.Instant;
import java.util.Optional;

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
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voxgate.sip.CallRecord;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.internal.defence.Inbound;
import org.voxgate.sip.internal.defence.Verdict;

/**
 * The stack's listener: validates each request (RFC 3261 section 8.2), answers what needs no
 * call (OPTIONS, 481, 405, 420, 415, 483, 482, 503), creates calls for new INVITEs and hands
 * in-dialog requests, responses and timeouts to their {@link SipCall}. Every event runs with
 * MDC {@code callId}; nothing thrown while handling one message escapes to the stack's threads.
 *
 * <pre>
 *  request ──Defence.check──► DROP (nothing sent) / 413 / 414 / 400 / 503 (stateless)
 *     │ ACK──► call.onAck (or dropped)
 *     │ validate ──fail──► 483 / 405 / 420 / 415
 *     ├─CANCEL──► call.onCancel, or 481
 *     ├─no To tag──► INVITE: 100, new SipCall, answer on the call executor
 *     │              OPTIONS: 200;  anything else: 481
 *     └─To tag──► matching call? INVITE/UPDATE/BYE/INFO/OPTIONS : 481
 * </pre>
 */
final class SipDispatcher implements SipListenerExt {
    private static final Logger LOG = LoggerFactory.getLogger(SipDispatcher.class);

    private final GatewayCore core;
    private final RequestValidator validator = new RequestValidator();
    private final InviteAdmission admission;

    SipDispatcher(GatewayCore core) {
        this.core = core;
        this.admission = new InviteAdmission(core);
    }

    /** The Request-URI user (a tel: URI's number), else the To user; never null. */
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

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        CallIdHeader cid = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        MDC.put(GatewayCore.MDC_CALL_ID, cid == null ? "-" : cid.getCallId());
        core.counters().requestReceived(request.getMethod());
        try {
            if (!defend(request, DefenceInputs.of(event, request, core))) {
                return;
            }
            dispatch(event, request, cid == null ? "" : cid.getCallId());
        } catch (RuntimeException | Error e) {
            LOG.warn("request handling failed: {}", request.getMethod(), e);
            if (!Request.ACK.equals(request.getMethod())) {
                core.respond(event.getServerTransaction(), request, 500, null);
            }
        } finally {
            MDC.remove(GatewayCore.MDC_CALL_ID);
        }
    }

    /**
     * The defence hook, before any transaction exists: false when the request was dropped or
     * answered statelessly (RFC 3261 section 8.2: a UAS may answer before it creates a transaction).
     */
    private boolean defend(Request request, Inbound inbound) {
        Verdict verdict = inbound == null ? Verdict.ACCEPT : core.defence().check(inbound);
        if (verdict == Verdict.ACCEPT) {
            return true;
        }
        if (verdict.status() != 0) {
            Rejection r = verdict == Verdict.OVERLOADED
                    ? Rejection.of(503, "Retry-After", Integer.toString(core.defence().retryAfterSeconds()))
                    : Rejection.of(verdict.status());
            reject(null, request, r);
        }
        return false;
    }

    /** The peer's address as the socket saw it, for the security log. */
    private static java.net.InetAddress source(Request request) {
        return request instanceof gov.nist.javax.sip.message.SIPRequest s ? s.getRemoteAddress() : null;
    }

    /** Answers 481 to a request that matches no dialog (RFC 3261 section 12.2.2), counted as NO_DIALOG. */
    private void noDialog(ServerTransaction tx, Request request) {
        core.securityLog().reject(source(request), SecurityReason.NO_DIALOG, request.getMethod());
        core.respond(tx, request, 481, null);
    }

    private void dispatch(RequestEvent event, Request request, String callId) {
        String method = request.getMethod();
        LOG.trace("{} received", method);
        if (method.equals(Request.ACK)) {
            DialogCall call = core.call(callId);
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
            DialogCall call = core.call(callId);
            if (call == null || event.getServerTransaction() == null) {
                noDialog(event.getServerTransaction(), request);
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
        DialogCall call = core.call(callId);
        if (call == null || !call.matchesDialog(request)) {
            // RFC 3261 section 12.2.2: no dialog matches the To tag
            noDialog(tx, request);
            return;
        }
        switch (method) {
            case Request.INVITE -> call.onReInvite(tx, request);
            case Request.UPDATE -> call.onUpdate(tx, request);
            case Request.BYE -> call.onBye(tx, request);
            case Request.INFO -> call.onInfo(tx, request);
            case Request.OPTIONS -> options(tx, request);
            default -> core.respond(tx, request, 405, null);
        }
    }

    private void outOfDialog(ServerTransaction tx, Request request, String callId) {
        switch (request.getMethod()) {
            case Request.OPTIONS -> options(tx, request);
            case Request.INVITE -> newCall(tx, request, callId);
            default -> noDialog(tx, request);
        }
    }

    private void options(ServerTransaction tx, Request request) {
        try {
            Response ok = core.responses().create(request, 200, null);
            core.responses().setList(ok, "Accept", RequestValidator.SDP_TYPE);
            core.send(tx, ok);
        } catch (Exception e) {
            LOG.debug("could not answer OPTIONS", e);
        }
    }

    private void newCall(ServerTransaction tx, Request invite, String callId) {
        if (core.call(callId) != null) {
            core.respond(tx, invite, 482, null); // RFC 3261 section 8.2.2.2 merged request
            return;
        }
        InviteAdmission.Admitted admitted = admission.admit(tx, invite); // trunk, digest, limits
        if (admitted == null) {
            return; // answered 401, 403 or 503
        }
        core.respond(tx, invite, 100, null);
        core.counters().callStarted();
        if (core.closing()) {
            release(admitted);
            rejectBusy(tx, invite, "shutting down");
            return;
        }
        SipCall call = new SipCall(core, invite, tx, admitted);
        if (!core.register(call)) {
            release(admitted);
            rejectBusy(tx, invite, "at maxCalls " + core.config().maxCalls());
            return;
        }
        LOG.debug("INVITE from {} to {}", invite.getHeader("From"), calledNumber(invite));
        if (!core.execute(callId, call::answer)) {
            core.removeCall(call);
            release(admitted);
            rejectBusy(tx, invite, "executor saturated");
        }
    }

    private void release(InviteAdmission.Admitted admitted) {
        if (admitted.trunk() != null) {
            core.trunkLimits().release(admitted.trunk().id());
        }
    }

    private void rejectBusy(ServerTransaction tx, Request invite, String why) {
        LOG.info("call rejected 503 ({})", why);
        try {
            Response r = core.responses().create(invite, 503, null);
            core.responses().addRetryAfter(r, 30);
            core.send(tx, r);
        } catch (Exception e) {
            LOG.debug("could not send 503", e);
        }
        core.callEnded(new CallRecord(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(),
                ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI().toString(),
                ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().getURI().toString(), null,
                Instant.now(), null, Instant.now(), EndCause.REJECTED, 503, null, null));
    }

    private void reject(ServerTransaction tx, Request request, Rejection rejection) {
        LOG.debug("{} rejected with {}", request.getMethod(), rejection.status());
        if (rejection.status() == 405) {
            core.securityLog().reject(source(request), SecurityReason.METHOD_NOT_ALLOWED, request.getMethod());
        }
        try {
            core.send(tx, core.responses().reject(request, rejection));
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
            return core.stack().provider().getNewServerTransaction(event.getRequest());
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
        DialogCall call = cid == null ? null : core.call(cid.getCallId());
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        core.counters().responseReceived(cseq == null ? null : cseq.getMethod(), response.getStatusCode());
        MDC.put(GatewayCore.MDC_CALL_ID, cid == null ? "-" : cid.getCallId());
        try {
            ClientTransaction ct = event.getClientTransaction();
            if (ct != null && ct.getApplicationData() instanceof ClientHandler handler) {
                handler.onResponse(event);
            } else if (call != null) {
                call.onResponse(response, event.getClientTransaction());
            } else {
                byResponseOfEndedCall(response);
            }
        } catch (RuntimeException e) {
            LOG.warn("response handling failed", e);
        } finally {
            MDC.remove(GatewayCore.MDC_CALL_ID);
        }
    }

    private void byResponseOfEndedCall(Response response) {
        if (response.getStatusCode() < 200) {
            return;
        }
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        for (DialogCall c : core.byesPendingFor(callId)) {
            core.byeFinished(c);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction ct = event.getClientTransaction();
        CallIdHeader cid = (CallIdHeader) ct.getRequest().getHeader(CallIdHeader.NAME);
        if (ct.getApplicationData() instanceof ClientHandler handler) {
            core.withMdc(cid.getCallId(), () -> handler.onTimeout(event));
            return;
        }
        for (DialogCall c : core.byesPendingFor(cid.getCallId())) {
            c.onClientTimeout(ct);
        }
        DialogCall call = core.call(cid.getCallId());
        if (call != null) {
            core.withMdc(cid.getCallId(), () -> call.onClientTimeout(ct));
        }
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        String callId = event.getDialog().getCallId().getCallId();
        DialogCall call = core.call(callId);
        if (call instanceof SipCall) {
            LOG.info("no ACK for our 200 OK");
            core.runAsync(callId, () -> call.hangup(EndCause.NO_ACK));
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
}
