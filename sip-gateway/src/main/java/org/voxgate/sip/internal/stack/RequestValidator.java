package org.voxgate.sip.internal.stack;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;

/**
 * Checks every request needs before a call sees it, in the order of RFC 3261 section 8.2:
 *
 * <ol>
 *   <li>Max-Forwards 0 on anything but OPTIONS: 483 Too Many Hops (section 16.3 step 2 lets the
 *       final recipient answer OPTIONS).</li>
 *   <li>8.2.1 method inspection: a method we do not serve gets 405 with Allow.</li>
 *   <li>8.2.2.3 Require: option tags we do not support get 420 with Unsupported (never for ACK
 *       or CANCEL: "the UAS MUST NOT" reject those for it).</li>
 *   <li>8.2.3 content processing: a body type we do not understand gets 415 with Accept; a
 *       Content-Encoding other than identity gets 415 with Accept-Encoding.</li>
 * </ol>
 * ACK is never answered; the caller drops an invalid ACK.
 */
public final class RequestValidator {

    /** Methods we serve (the Allow header). */
    public static final List<String> ALLOWED = List.of(
            Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL, Request.OPTIONS, Request.INFO, Request.UPDATE);
    /** Option tags we support (the Supported header). RFC 4028 section 3: "timer". */
    public static final Set<String> SUPPORTED = Set.of("timer");
    public static final String ALLOW_VALUE = String.join(", ", ALLOWED);
    public static final String SDP_TYPE = "application/sdp";
    /** What INVITE, UPDATE and ACK bodies may be (Accept of a 415): SDP, alone or in multipart/mixed. */
    public static final String SESSION_ACCEPT = "application/sdp, multipart/mixed";
    public static final String INFO_ACCEPT = "application/dtmf-relay, application/dtmf";

    /** @return the error response to send, or empty when the request may proceed */
    public Optional<Rejection> validate(Request request) {
        String method = request.getMethod();
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf != null && mf.getMaxForwards() == 0 && !method.equals(Request.OPTIONS) && !method.equals(Request.ACK)) {
            return Optional.of(Rejection.of(483));
        }
        if (!ALLOWED.contains(method)) {
            return Optional.of(Rejection.of(405, "Allow", ALLOW_VALUE));
        }
        if (!method.equals(Request.ACK) && !method.equals(Request.CANCEL)) {
            List<String> unsupported = unsupportedRequires(request);
            if (!unsupported.isEmpty()) {
                return Optional.of(Rejection.of(420, "Unsupported", String.join(", ", unsupported)));
            }
        }
        return checkBody(request);
    }

    private static List<String> unsupportedRequires(Request request) {
        List<String> unsupported = new ArrayList<>();
        Iterator<?> it = request.getHeaders(RequireHeader.NAME);
        while (it.hasNext()) {
            String tag = ((RequireHeader) it.next()).getOptionTag();
            if (tag != null && !SUPPORTED.contains(tag.trim().toLowerCase(Locale.ROOT))) {
                unsupported.add(tag.trim());
            }
        }
        return unsupported;
    }

    private static Optional<Rejection> checkBody(Request request) {
        String method = request.getMethod();
        if (method.equals(Request.ACK) || method.equals(Request.CANCEL)) {
            return Optional.empty();
        }
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        String accept = method.equals(Request.INFO) ? INFO_ACCEPT : SESSION_ACCEPT;
        ContentEncodingHeader ce = (ContentEncodingHeader) request.getHeader(ContentEncodingHeader.NAME);
        if (ce != null && !ce.getEncoding().trim().equalsIgnoreCase("identity")) {
            return Optional.of(Rejection.of(415, "Accept-Encoding", "identity"));
        }
        ContentTypeHeader ct = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (ct == null || !acceptable(method, ct, body)) {
            return Optional.of(Rejection.of(415, "Accept", accept));
        }
        return Optional.empty();
    }

    private static boolean acceptable(String method, ContentTypeHeader ct, byte[] body) {
        String type = ct.getContentType() == null ? "" : ct.getContentType().toLowerCase(Locale.ROOT);
        String sub = ct.getContentSubType() == null ? "" : ct.getContentSubType().toLowerCase(Locale.ROOT);
        if (method.equals(Request.INFO)) {
            return type.equals("application") && (sub.equals("dtmf-relay") || sub.equals("dtmf"));
        }
        if (method.equals(Request.OPTIONS) || method.equals(Request.BYE)) {
            return true; // a body we ignore does no harm
        }
        // application/sdp, or multipart/mixed with an SDP part (RFC 5621; SIP-I trunks)
        return SdpBodies.sdpBytes(ct, body) != null;
    }
}
