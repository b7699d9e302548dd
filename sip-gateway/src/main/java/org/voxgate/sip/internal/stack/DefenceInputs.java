package org.voxgate.sip.internal.stack;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.ListIterator;

import javax.sip.RequestEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.message.SIPRequest;

import org.voxgate.sip.internal.defence.Inbound;

/** Describes a parsed request for {@code Defence.check}: source, sizes, User-Agent, call match. */
final class DefenceInputs {
    private DefenceInputs() {
    }

    /** The request as {@link Inbound}, or null when the stack gave no source address. */
    static Inbound of(RequestEvent event, Request request, GatewayCore core) {
        if (!(request instanceof SIPRequest sip) || sip.getRemoteAddress() == null) {
            return null;
        }
        InetAddress source = sip.getRemoteAddress();
        String method = request.getMethod();
        UserAgentHeader ua = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        String userAgent = ua == null ? null : userAgent(ua);
        int uriLength = request.getRequestURI() == null ? 0 : request.getRequestURI().toString().length();
        byte[] body = request.getRawContent();
        // getSize(): bytes of the start line and headers as the parser read them
        int bytes = sip.getSize() + (body == null ? 0 : body.length);
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        boolean newInvite = Request.INVITE.equals(method) && to != null && to.getTag() == null;
        CallIdHeader cid = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        boolean knownCall = cid != null && core.call(cid.getCallId()) != null;
        return new Inbound(source, method, userAgent, uriLength, headerCount(sip), bytes, newInvite, knownCall);
    }

    private static String userAgent(UserAgentHeader ua) {
        StringBuilder b = new StringBuilder();
        for (Iterator<?> it = ua.getProduct(); it.hasNext() && b.length() < 256; ) {
            b.append(it.next()).append(' ');
        }
        return b.toString().trim();
    }

    /** Header fields, a list header (Via, Contact, ...) counting each of its values. */
    static int headerCount(SIPRequest request) {
        int n = 0;
        for (Iterator<SIPHeader> it = request.getHeaders(); it.hasNext(); ) {
            SIPHeader h = it.next();
            n += h instanceof SIPHeaderList<?> list ? Math.max(1, list.size()) : 1;
        }
        for (ListIterator<String> it = request.getUnrecognizedHeaders(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }
}
