package org.voxgate.sip.internal.stack;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.ResponseEventExt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.internal.register.RegisterRequest;
import org.voxgate.sip.internal.register.RegisterResponse;
import org.voxgate.sip.internal.register.RegisterTransport;

/**
 * The stack side of outbound registration: builds each {@link RegisterRequest} into a
 * REGISTER, sends it on a new client transaction from the call executor (DNS, TCP connect and
 * TLS handshakes never block the caller), and reads each final response back into a
 * {@link RegisterResponse}: the challenges, the expiry granted to OUR Contact (RFC 3261
 * section 10.2.4: the 200 lists every binding of the AOR), Min-Expires, Retry-After, and
 * whether the response came from an address of the host the REGISTER went to.
 */
final class RegisterSender implements RegisterTransport {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterSender.class);

    private final GatewayCore core;
    /** Per trunk and host: how many times we moved on to the next located target. */
    private final java.util.Map<String, Integer> nextTarget = new java.util.concurrent.ConcurrentHashMap<>();

    RegisterSender(GatewayCore core) {
        this.core = core;
    }

    @Override
    public void send(RegisterRequest request, ResponseSink sink) {
        core.runAsync(request.callId(), () -> sendNow(request, sink));
    }

    private void sendNow(RegisterRequest req, ResponseSink sink) {
        // RFC 3263: the registrar host as targets; every address passes the SSRF check before use
        List<org.voxgate.sip.SipTarget> usable = new ArrayList<>();
        Set<String> peerAddresses = new HashSet<>();
        String refused = null;
        for (org.voxgate.sip.SipTarget t : core.locator().locate(req.host(), req.port(), req.transport())) {
            String why = core.refusedTrunkAddress(t.address());
            if (why != null) {
                refused = why;
                core.securityLog().reject(req.host(), org.voxgate.sip.SecurityReason.SSRF_TARGET,
                        "REGISTER to " + req.host() + " resolves to " + why);
                continue;
            }
            usable.add(t);
            peerAddresses.add(t.address().getHostAddress());
        }
        if (usable.isEmpty()) {
            sink.onResponse(req.cseq(), RegisterResponse.transportError(refused != null
                    ? req.host() + " resolves to " + refused + ": refused" : "cannot resolve " + req.host()));
            return;
        }
        // a target that timed out or refused the connection: the next REGISTER tries the next one
        String key = req.trunkId() + " " + req.host();
        int index = Math.floorMod(nextTarget.getOrDefault(key, 0), usable.size());
        org.voxgate.sip.SipTarget target = usable.get(index);
        Runnable advance = () -> nextTarget.merge(key, 1, Integer::sum);
        try {
            JainSipStack stack = core.stack();
            AddressFactory af = stack.addressFactory();
            HeaderFactory hf = stack.headerFactory();
            String contactHost = core.config().advertisedHost();
            int ourPort = core.registrationSettings().port(req.transport());
            SipURI requestUri = (SipURI) af.createURI(req.requestUri());
            Address aor = af.createAddress(af.createSipURI(req.aorUser(), req.aorDomain()));
            ViaHeader via = hf.createViaHeader(contactHost, ourPort, req.transport().wire(),
                    gov.nist.javax.sip.Utils.getInstance().generateBranchId()); // the router pins by branch
            via.setRPort();
            Request r = stack.messageFactory().createRequest(requestUri, Request.REGISTER,
                    hf.createCallIdHeader(req.callId()), hf.createCSeqHeader(req.cseq(), Request.REGISTER),
                    hf.createFromHeader(aor, Responses.newTag()), hf.createToHeader(aor, null),
                    new ArrayList<>(List.of(via)), hf.createMaxForwardsHeader(70));
            SipURI contactUri = af.createSipURI(req.aorUser(), contactHost);
            contactUri.setPort(ourPort);
            contactUri.setTransportParam(req.transport().wire());
            r.addHeader(hf.createContactHeader(af.createAddress(contactUri)));
            r.addHeader(hf.createExpiresHeader(req.expiresSeconds()));
            r.setHeader(hf.createHeader("User-Agent", core.config().userAgent()));
            if (req.authorization() != null) {
                r.addHeader(hf.createHeader(req.authorization().headerName(), req.authorization().value()));
            }
            stack.pin(r, target);
            ClientTransaction ct = stack.provider().getNewClientTransaction(r);
            ct.setApplicationData(new Handler(req.cseq(), sink, peerAddresses, contactHost, ourPort, advance));
            ct.sendRequest();
        } catch (Exception e) {
            LOG.debug("REGISTER to {} ({}) not sent", req.host(), target, e);
            advance.run();
            sink.onResponse(req.cseq(), RegisterResponse.transportError(String.valueOf(e.getMessage())));
        }
    }

    /** Routes one REGISTER transaction's outcome back to its machine. */
    private static final class Handler implements ClientHandler {
        private final long cseq;
        private final ResponseSink sink;
        private final Set<String> peerAddresses;
        private final String contactHost;
        private final int contactPort;
        private final Runnable nextTarget;

        Handler(long cseq, ResponseSink sink, Set<String> peerAddresses, String contactHost, int contactPort,
                Runnable nextTarget) {
            this.nextTarget = nextTarget;
            this.cseq = cseq;
            this.sink = sink;
            this.peerAddresses = peerAddresses;
            this.contactHost = contactHost;
            this.contactPort = contactPort;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            Response r = event.getResponse();
            if (r.getStatusCode() < 200) {
                return;
            }
            if (r.getStatusCode() == 503 || r.getStatusCode() == 408) {
                nextTarget.run(); // RFC 3263 section 4.3: try the next target
            }
            String source = event instanceof ResponseEventExt ext ? ext.getRemoteIpAddress() : null;
            boolean fromPeer = source != null && peerAddresses.contains(normalize(source));
            sink.onResponse(cseq, new RegisterResponse(r.getStatusCode(), r.getReasonPhrase(), challenges(r),
                    granted(r), minExpires(r), retryAfter(r), source, fromPeer, false));
        }

        @Override
        public void onTimeout(TimeoutEvent event) {
            nextTarget.run();
            sink.onResponse(cseq, RegisterResponse.timeout());
        }

        @Override
        public void onTransportRefused(String reason) {
            nextTarget.run();
            sink.onResponse(cseq, RegisterResponse.transportError(reason));
        }

        private static String normalize(String ip) {
            try {
                return InetAddress.getByName(ip).getHostAddress(); // a literal: no lookup
            } catch (Exception e) {
                return ip;
            }
        }

        private static List<String> challenges(Response r) {
            String name = r.getStatusCode() == 407 ? ProxyAuthenticateHeader.NAME
                    : r.getStatusCode() == 401 ? WWWAuthenticateHeader.NAME : null;
            List<String> values = new ArrayList<>();
            if (name == null) {
                return values;
            }
            for (ListIterator<?> it = r.getHeaders(name); it.hasNext(); ) {
                values.add(valueOf((Header) it.next()));
            }
            return values;
        }

        /** The header's value: its text after the first colon, without the line end. */
        static String valueOf(Header h) {
            String s = h.toString();
            int colon = s.indexOf(':');
            return (colon < 0 ? s : s.substring(colon + 1)).trim();
        }

        private int granted(Response r) {
            if (r.getStatusCode() >= 300) {
                return -1;
            }
            boolean anyContact = false;
            for (ListIterator<?> it = r.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
                ContactHeader c = (ContactHeader) it.next();
                anyContact = true;
                if (c.getAddress().getURI() instanceof SipURI u && u.getHost() != null
                        && u.getHost().equalsIgnoreCase(contactHost) && u.getPort() == contactPort) {
                    if (c.getExpires() >= 0) {
                        return c.getExpires();
                    }
                    break;
                }
            }
            ExpiresHeader e = (ExpiresHeader) r.getHeader(ExpiresHeader.NAME);
            if (e != null) {
                return e.getExpires();
            }
            // RFC 3261 section 10.3 step 8: the 200 lists the current bindings; ours missing
            // from a non-empty list means it was not kept
            return anyContact ? 0 : -1;
        }

        private static int minExpires(Response r) {
            MinExpiresHeader m = (MinExpiresHeader) r.getHeader(MinExpiresHeader.NAME);
            return m == null ? -1 : m.getExpires();
        }

        private static int retryAfter(Response r) {
            RetryAfterHeader ra = (RetryAfterHeader) r.getHeader(RetryAfterHeader.NAME);
            return ra == null ? -1 : ra.getRetryAfter();
        }
    }
}
