package org.voxgate.sip.internal.register;

import java.util.Objects;

import org.voxgate.sip.Trunk;

/**
 * One REGISTER to send, stack-neutral.
 *
 * <pre>
 *  REGISTER sip:{host}:{port};transport={transport} SIP/2.0
 *  From: &lt;sip:{aorUser}@{aorDomain}&gt;;tag=...       (fresh tag)
 *  To: &lt;sip:{aorUser}@{aorDomain}&gt;
 *  Call-ID: {callId}                                (the same for the whole registration)
 *  CSeq: {cseq} REGISTER                            (increasing)
 *  Contact: &lt;sip:{aorUser}@{our host}:{our port};transport={transport}&gt;
 *  Expires: {expiresSeconds}                        (0 removes the binding)
 *  [Proxy-]Authorization: Digest ...                (when answering a challenge)
 * </pre>
 *
 * @param authorization the answer to a challenge, or null
 */
public record RegisterRequest(String trunkId, String host, int port, Trunk.Transport transport, String aorUser,
                              String aorDomain, String callId, long cseq, int expiresSeconds,
                              Authorization authorization) {

    public RegisterRequest {
        Objects.requireNonNull(trunkId, "trunkId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(aorUser, "aorUser");
        Objects.requireNonNull(aorDomain, "aorDomain");
        Objects.requireNonNull(callId, "callId");
    }

    /** The Request-URI: {@code sip:host:port;transport=udp|tcp|tls}, without the port when it is 0 (RFC 3263: located by NAPTR/SRV). */
    public String requestUri() {
        return "sip:" + hostForUri(host) + (port > 0 ? ":" + port : "") + ";transport=" + transport.wire();
    }

    /** An IPv6 literal in brackets, anything else as is. */
    static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * A header answering a challenge.
     *
     * @param headerName "Authorization" (after a 401) or "Proxy-Authorization" (after a 407)
     * @param value      the header value, {@code Digest username=..., response=...}
     */
    public record Authorization(String headerName, String value) {
        public Authorization {
            Objects.requireNonNull(headerName, "headerName");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Authorization[" + headerName + "]"; // never the response hash
        }
    }
}
