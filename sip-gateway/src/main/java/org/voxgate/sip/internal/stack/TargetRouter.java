package org.voxgate.sip.internal.stack;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.message.Request;

import gov.nist.javax.sip.stack.DefaultRouter;

import org.voxgate.sip.SipTarget;

/**
 * The stack's router (RFC 3261 section 8.1.2) with one addition: a request whose transaction
 * we pinned to a located {@link SipTarget} (RFC 3263) goes to that target's address, port and
 * transport, and the stack does no lookup of its own, so the address we checked against the
 * SSRF rules is the one we connect to. The Request-URI keeps the trunk's host name. A CANCEL
 * carries its INVITE's branch (RFC 3261 section 9.1) and so follows it to the same target.
 * Everything else goes the default way. Instantiated by the stack by class name
 * ({@code javax.sip.ROUTER_PATH}); pins are kept for the last {@value #MAX_PINS} transactions.
 */
public final class TargetRouter extends DefaultRouter {
    static final int MAX_PINS = 8192;

    /** A located target as a hop, with the name its TLS certificate must carry (RFC 5922 section 4). */
    record TargetHop(String getHost, int getPort, String getTransport, String tlsName) implements Hop {
        static TargetHop of(SipTarget t) {
            return new TargetHop(t.address().getHostAddress(), t.port(), t.transport().wire(), t.host());
        }

        @Override
        public String toString() {
            return getHost + ":" + getPort + "/" + getTransport;
        }
    }

    private final Map<String, TargetHop> pins = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TargetHop> eldest) {
            return size() > MAX_PINS;
        }
    };

    public TargetRouter(SipStack stack, String outboundProxy) {
        super(stack, outboundProxy);
    }

    /** Sends the transaction of {@code branch} (the top Via's) to {@code target}. */
    synchronized void pin(String branch, SipTarget target) {
        pins.put(branch, TargetHop.of(target));
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        javax.sip.header.ViaHeader via = (javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME);
        if (via != null && via.getBranch() != null && request.getHeader(javax.sip.header.RouteHeader.NAME) == null) {
            TargetHop hop;
            synchronized (this) {
                hop = pins.get(via.getBranch());
            }
            if (hop != null) {
                return hop;
            }
        }
        return super.getNextHop(request);
    }
}
