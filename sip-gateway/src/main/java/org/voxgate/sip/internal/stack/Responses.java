package org.voxgate.sip.internal.stack;

import java.text.ParseException;
import java.util.Map;
import java.util.UUID;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.voxgate.sip.SipConfig;

/** Builds our responses: To tag, Server, Allow/Supported where RFC 3261 wants them, bodies. */
final class Responses {
    private final JainSipStack stack;
    private final SipConfig config;
    private final SipCounters counters;

    Responses(JainSipStack stack, SipConfig config, SipCounters counters) {
        this.stack = stack;
        this.config = config;
        this.counters = counters;
    }

    static String newTag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /**
     * A response to {@code request}. A final response gets {@code localTag} in To when To has no
     * tag yet (RFC 3261 section 8.2.6.2); 2xx, 405 and OPTIONS answers carry Allow and Supported.
     */
    Response create(Request request, int status, String localTag) throws ParseException {
        Response r = stack.messageFactory().createResponse(status, request);
        counters.responseSent(request.getMethod(), status); // every response we send is built here
        HeaderFactory hf = stack.headerFactory();
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (status >= 200 && to != null && to.getTag() == null) {
            to.setTag(localTag != null ? localTag : newTag());
        }
        r.setHeader(hf.createHeader("Server", config.userAgent()));
        if ((status >= 200 && status < 300) || status == 405) {
            setList(r, "Allow", RequestValidator.ALLOW_VALUE);
            setList(r, "Supported", String.join(", ", RequestValidator.SUPPORTED));
        }
        return r;
    }

    /**
     * Sets a comma-separated list header (Allow, Supported, Accept, Unsupported) as one header
     * per element: the stack's factory takes a single element per call.
     */
    void setList(javax.sip.message.Message m, String name, String commaList) throws ParseException {
        m.removeHeader(name);
        for (String element : commaList.split(",")) {
            if (!element.isBlank()) {
                m.addHeader(stack.headerFactory().createHeader(name, element.trim()));
            }
        }
    }

    /** Our requests (BYE, refreshes) name us in User-Agent, as our responses do in Server. */
    void setUserAgent(Request request) throws ParseException {
        request.setHeader(stack.headerFactory().createHeader("User-Agent", config.userAgent()));
    }

    Response reject(Request request, Rejection rejection) throws ParseException {
        Response r = create(request, rejection.status(), null);
        for (Map.Entry<String, String> h : rejection.headers().entrySet()) {
            setList(r, h.getKey(), h.getValue());
        }
        return r;
    }

    /** RFC 3261 section 20.43 Warning: {@code code host "text"}. */
    void addWarning(Response r, int code, String text) throws ParseException {
        String clean = text == null ? "" : text.replaceAll("[\"\\\\\\p{Cntrl}]", " ");
        if (clean.length() > 200) {
            clean = clean.substring(0, 200);
        }
        int c = code >= 300 && code <= 399 ? code : 399;
        try {
            r.addHeader(stack.headerFactory().createWarningHeader(config.advertisedHost(), c, clean));
        } catch (InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    void addRetryAfter(Response r, int seconds) throws ParseException {
        try {
            r.setHeader(stack.headerFactory().createRetryAfterHeader(seconds));
        } catch (InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    void setSdp(javax.sip.message.Message m, String sdp) throws ParseException {
        ContentTypeHeader ct = stack.headerFactory().createContentTypeHeader("application", "sdp");
        m.setContent(sdp, ct);
    }

    /**
     * Our Contact, on the transport the request came in on. Over TLS it points at the TLS port:
     * a sips: URI when the Request-URI was sips: (RFC 5630 section 3.1.3: the Contact of a
     * dialog created by a SIPS request MUST be SIPS), else {@code sip:...;transport=tls}, which
     * keeps the dialog on TLS for clients that route only sip: URIs (libre/baresip answer a
     * sips: Contact with ENOSYS).
     */
    ContactHeader contact(Request request) throws ParseException {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String transport = via == null ? "udp" : via.getTransport().toLowerCase(java.util.Locale.ROOT);
        boolean tls = transport.equals("tls") && config.tlsPort() > 0;
        int port = tls ? config.tlsPort() : transport.equals("tcp") ? config.tcpPort() : config.udpPort();
        SipURI uri = stack.addressFactory().createSipURI("voxgate", config.advertisedHost());
        uri.setPort(port);
        if (tls && "sips".equalsIgnoreCase(request.getRequestURI().getScheme())) {
            uri.setSecure(true);
        } else if (tls) {
            uri.setTransportParam("tls");
        } else if (transport.equals("tcp")) {
            uri.setTransportParam("tcp");
        }
        Address address = stack.addressFactory().createAddress(uri);
        return stack.headerFactory().createContactHeader(address);
    }
}
