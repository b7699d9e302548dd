package org.voxgate.sip.internal.stack;

import java.util.ArrayList;
import java.util.List;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import org.voxgate.sip.DialOutRequest;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.dialout.CallerIdentity;

/** Builds the INVITEs of one dial-out, one per host tried, and our Contact on the trunk's transport. */
final class OutboundInvite {
    private final GatewayCore core;
    private final Responses responses;
    private final Trunk trunk;
    private final DialOutRequest request;
    private final String callId;
    private final String localTag;

    OutboundInvite(GatewayCore core, Trunk trunk, DialOutRequest request, String callId, String localTag) {
        this.core = core;
        this.responses = core.responses();
        this.trunk = trunk;
        this.request = request;
        this.callId = callId;
        this.localTag = localTag;
    }

    /**
     * The INVITE to {@code host} (RFC 3261 section 8.1.1): Request-URI
     * {@code sip:<number>@<host>:<port>;transport=<t>;user=phone} (no port when the trunk has
     * none: NAPTR/SRV located it), To without port, From by the
     * trunk's caller-ID policy with our tag, a new branch, Contact and Via on the trunk's
     * transport, our offer.
     *
     * @param authorization header name and value answering a challenge, or null
     */
    Request build(String host, long cseq, String offer, String[] authorization) throws Exception {
        JainSipStack stack = core.stack();
        HeaderFactory hf = stack.headerFactory();
        String transport = trunk.transport().wire();
        SipURI target = stack.addressFactory().createSipURI(request.number(), host);
        if (trunk.port() > 0) {
            target.setPort(trunk.port()); // no port: RFC 3263 located the target from the host name alone
        }
        target.setTransportParam(transport);
        target.setUserParam("phone");
        SipURI toUri = stack.addressFactory().createSipURI(request.number(), host);
        toUri.setUserParam("phone");
        CallerIdentity identity = CallerIdentity.of(trunk.callerIdPolicy(), request.callerId(),
                core.config().advertisedHost());
        SipURI fromUri = stack.addressFactory().createSipURI(identity.fromUser(), identity.fromHost());
        Address fromAddress = stack.addressFactory().createAddress(fromUri);
        if (identity.fromDisplayName() != null) {
            fromAddress.setDisplayName(identity.fromDisplayName());
        }
        List<ViaHeader> vias = new ArrayList<>();
        vias.add(hf.createViaHeader(core.config().advertisedHost(), localPort(), transport,
                gov.nist.javax.sip.Utils.getInstance().generateBranchId()));
        Request r = stack.messageFactory().createRequest(target, Request.INVITE, hf.createCallIdHeader(callId),
                hf.createCSeqHeader(cseq, Request.INVITE), hf.createFromHeader(fromAddress, localTag),
                hf.createToHeader(stack.addressFactory().createAddress(toUri), null), vias,
                hf.createMaxForwardsHeader(70));
        r.setHeader(contact());
        responses.setUserAgent(r);
        responses.setList(r, "Allow", RequestValidator.ALLOW_VALUE);
        if (identity.privacyId()) {
            // RFC 3323 section 4.2 / RFC 3325 section 9.3: withhold identity from the callee; the
            // trunk, a trusted peer, still learns who calls from P-Asserted-Identity
            r.setHeader(hf.createHeader("Privacy", "id"));
        }
        if (identity.assertedNumber() != null) {
            r.setHeader(hf.createHeader("P-Asserted-Identity",
                    "<sip:" + identity.assertedNumber() + "@" + core.config().advertisedHost() + ";user=phone>"));
        }
        if (authorization != null) {
            r.setHeader(hf.createHeader(authorization[0], authorization[1]));
        }
        responses.setSdp(r, offer);
        return r;
    }

    int localPort() {
        return switch (trunk.transport()) {
            case UDP -> core.config().udpPort();
            case TCP -> core.config().tcpPort();
            case TLS -> core.config().tlsPort();
        };
    }

    /** Our Contact on the trunk's transport. */
    javax.sip.header.ContactHeader contact() throws Exception {
        SipURI uri = core.stack().addressFactory().createSipURI("voxgate", core.config().advertisedHost());
        uri.setPort(localPort());
        if (trunk.transport() != Trunk.Transport.UDP) {
            uri.setTransportParam(trunk.transport().wire());
        }
        return core.stack().headerFactory().createContactHeader(core.stack().addressFactory().createAddress(uri));
    }
}
