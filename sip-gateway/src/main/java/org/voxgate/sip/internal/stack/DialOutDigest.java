package org.voxgate.sip.internal.stack;

import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.Trunk;

/**
 * The digest answer to a 401/407 on a dial-out INVITE (RFC 3261 section 22.2): the shared
 * {@link ChallengeResponder} with the trunk's registration credentials, only for the trunk's
 * hosts and the configured realm; one conversation per host, so a second challenge after our
 * answer means wrong credentials. Confined to the call's monitor.
 */
final class DialOutDigest {
    private static final Logger LOG = LoggerFactory.getLogger(DialOutDigest.class);

    private final GatewayCore core;
    private final Trunk trunk;
    private final java.util.List<java.net.InetAddress> targetAddresses; // a 401/407 from any of them is the trunk's
    private ChallengeResponder challenges;

    DialOutDigest(GatewayCore core, Trunk trunk, java.util.List<java.net.InetAddress> targetAddresses) {
        this.core = core;
        this.trunk = trunk;
        this.targetAddresses = java.util.List.copyOf(targetAddresses);
    }

    /** A new host is a new conversation: it may challenge once. */
    void nextHost() {
        challenges = null;
    }

    /** The INVITE we answered was accepted (2xx). */
    void accepted() {
        if (challenges != null) {
            challenges.accepted();
        }
    }

    /**
     * @param invite the INVITE that was challenged
     * @return the INVITE again with our answer, or null (logged) when the trunk has no
     *         credentials or the challenge must not be answered
     */
    Request answer(ResponseEvent event, Request invite, Response response) {
        Trunk.Registration reg = trunk.registration();
        if (reg == null) {
            LOG.info("dial-out: {} but trunk {} has no credentials", response.getStatusCode(), trunk.id());
            return null;
        }
        if (challenges == null) {
            challenges = new ChallengeResponder(trunk, reg.credentials(), core.stack().headerFactory(),
                    core.securityLog(), targetAddresses);
        }
        String source = event instanceof gov.nist.javax.sip.ResponseEventExt ext ? ext.getRemoteIpAddress() : null;
        ChallengeResponder.Result r = challenges.respond(invite, response, source);
        if (r instanceof ChallengeResponder.Refused refused) {
            LOG.info("dial-out: {} not answered: {}", response.getStatusCode(), refused.refusal().detail());
            return null;
        }
        return ((ChallengeResponder.Authorized) r).request();
    }
}
