package org.voxgate.sip.internal.stack;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sip.address.Hop;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.TlsSecurityPolicy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.internal.tls.TlsHostnames;

/**
 * Host-name verification for TLS connections we open (to carriers): the NIST stack checks the
 * chain against our trust store during the handshake and then calls this policy with the
 * client transaction that opened the connection; the leaf certificate must name the host the
 * transaction is going to (its next hop, the trunk's host), RFC 5922 section 7.3. A mismatch
 * throws {@link SecurityException}, which aborts the send: the request never leaves, and the
 * transaction's {@link ClientHandler} hears {@code onTransportRefused} at once. Instantiated by the stack by class name
 * ({@code gov.nist.javax.sip.TLS_SECURITY_POLICY}); stateless.
 */
public final class CarrierTlsPolicy implements TlsSecurityPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierTlsPolicy.class);

    public CarrierTlsPolicy() {
        // by class name from the stack
    }

    @Override
    public void enforceTlsPolicy(ClientTransactionExt transaction) throws SecurityException {
        if (transaction == null) {
            return; // a stateless send (an ACK on a connection we did not open for a transaction)
        }
        Hop hop = transaction.getNextHop();
        // a located target (RFC 3263) is an address; its certificate names the trunk's host (RFC 5922 section 4)
        String host = hop instanceof TargetRouter.TargetHop t ? t.tlsName() : hop == null ? null : hop.getHost();
        Certificate[] chain;
        try {
            chain = transaction.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new SecurityException("TLS peer " + host + " sent no verified certificate");
        }
        X509Certificate leaf = chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        if (!TlsHostnames.matches(leaf, host)) {
            LOG.warn("TLS certificate of {} does not name it (subject {}): connection refused", host,
                    leaf == null ? "-" : leaf.getSubjectX500Principal());
            String reason = "TLS certificate does not name " + host;
            if (transaction.getApplicationData() instanceof ClientHandler handler) {
                handler.onTransportRefused(reason);
            }
            throw new SecurityException(reason);
        }
    }
}
