package org.voxgate.sip.internal.stack;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import javax.sip.ResponseEvent;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.digest.DigestChallenge;
import org.voxgate.sip.internal.digest.DigestCredentials;
import org.voxgate.sip.internal.security.SecurityLog;

/**
 * The answer to a 401/407 on a dial-out INVITE (RFC 3261 section 22.2): the trunk's registration
 * credentials, once, and only when the challenge came from the address of the host we sent to
 * and names the configured realm (when one is configured). A refused foreign challenge goes to
 * the security log. TODO(merge): the register helper's shared challenge answerer may replace
 * this class.
 */
final class TrunkChallenge {

    /** Header name and value to send, or the reason we do not answer. */
    record Answer(String headerName, String headerValue, String refusal) {
        static Answer refused(String why) {
            return new Answer(null, null, why);
        }
    }

    private TrunkChallenge() {
    }

    /**
     * @param host        the trunk host the INVITE went to
     * @param requestUri  the INVITE's Request-URI (digest-uri)
     * @param answeredOnce whether this host already got our answer
     */
    static Answer answer(ResponseEvent event, Trunk trunk, String host, String requestUri, boolean answeredOnce,
                         SecurityLog securityLog) {
        Response response = event.getResponse();
        boolean proxy = response.getStatusCode() == 407;
        Header h = response.getHeader(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
        Optional<DigestChallenge> challenge = h == null ? Optional.empty()
                : DigestChallenge.parse(h.toString().substring(h.toString().indexOf(':') + 1).trim());
        Trunk.Registration reg = trunk.registration();
        if (answeredOnce) {
            return Answer.refused("challenged again after our answer");
        }
        if (reg == null) {
            return Answer.refused("trunk has no credentials");
        }
        if (challenge.isEmpty()) {
            return Answer.refused("no usable Digest challenge");
        }
        String remote = remoteAddress(event);
        if (!from(remote, host)) {
            securityLog.reject(remote, SecurityReason.FOREIGN_CHALLENGE, "challenge not from trunk host " + host);
            return Answer.refused("challenge not from the trunk host");
        }
        String realm = reg.credentials().realm();
        if (realm != null && !realm.equals(challenge.get().realm())) {
            securityLog.reject(remote, SecurityReason.FOREIGN_CHALLENGE, "realm " + challenge.get().realm());
            return Answer.refused("realm " + challenge.get().realm() + " is not the configured one");
        }
        DigestCredentials answer = DigestCredentials.answer(challenge.get(), reg.credentials().username(),
                reg.credentials().password(), Request.INVITE, requestUri, 1, Responses.newTag());
        return new Answer(proxy ? "Proxy-Authorization" : "Authorization", answer.toHeaderValue(), null);
    }

    private static String remoteAddress(ResponseEvent event) {
        return event instanceof gov.nist.javax.sip.ResponseEventExt ext ? ext.getRemoteIpAddress() : "unknown";
    }

    private static boolean from(String remote, String host) {
        try {
            InetAddress source = InetAddress.getByName(remote);
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a.equals(source)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }
}
