package org.voxgate.sip.internal.stack;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.SipTls;
import org.voxgate.sip.internal.tls.TlsKeyStoreFile;
import org.voxgate.sip.internal.tls.TlsPolicy;

/**
 * One NIST JAIN-SIP stack with a UDP, a TCP and optionally a TLS listening point on one provider. Dialogs are
 * created by us (automatic dialog support off), so requests outside a dialog reach the listener
 * and get our 481.
 */
public final class JainSipStack {
    private static final Logger LOG = LoggerFactory.getLogger(JainSipStack.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SipStack stack;
    private final SipProvider provider;
    private final AddressFactory addressFactory;
    private final HeaderFactory headerFactory;
    private final MessageFactory messageFactory;
    private final SipListener listener;

    /**
     * Binds the listening points and starts the stack.
     *
     * @throws Exception when the stack cannot be built or a port cannot be bound
     */
    public JainSipStack(String bindAddress, String advertisedHost, int udpPort, int tcpPort, SipListener listener)
            throws Exception {
        this(bindAddress, advertisedHost, udpPort, tcpPort, 0, null, listener, new Properties());
    }

    /**
     * @param advertisedHost host of the Via sent-by of our requests (a wildcard bind address
     *                       must never appear there)
     * @param overrides      NIST stack properties that replace ours (tests shorten timers with them)
     */
    JainSipStack(String bindAddress, String advertisedHost, int udpPort, int tcpPort, int tlsPort, SipTls tls,
                 SipListener listener, Properties overrides) throws Exception {
        this.listener = listener;
        // The stack reads the key store while it builds its TLS layer; the file goes right after start.
        TlsKeyStoreFile keys = tlsPort > 0 ? TlsKeyStoreFile.write(tls) : null;
        try {
            stack = SipFactory.getInstance().createSipStack(properties(keys, overrides));
        } catch (Exception | Error e) {
            if (keys != null) {
                keys.close();
            }
            throw e;
        }
        try (TlsKeyStoreFile closing = keys) {
            SipFactory factory = SipFactory.getInstance();
            addressFactory = factory.createAddressFactory();
            headerFactory = factory.createHeaderFactory();
            messageFactory = factory.createMessageFactory();
            ListeningPoint udp = stack.createListeningPoint(bindAddress, udpPort, ListeningPoint.UDP);
            ListeningPoint tcp = stack.createListeningPoint(bindAddress, tcpPort, ListeningPoint.TCP);
            // RFC 3261 section 18.1.1: sent-by is where responses should come; with a wildcard or
            // NATed bind address that is the advertised host, not the socket's address
            udp.setSentBy(advertisedHost + ":" + udpPort);
            tcp.setSentBy(advertisedHost + ":" + tcpPort);
            provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            if (tlsPort > 0) {
                ListeningPoint tlsPoint = stack.createListeningPoint(bindAddress, tlsPort, ListeningPoint.TLS);
                tlsPoint.setSentBy(advertisedHost + ":" + tlsPort);
                provider.addListeningPoint(tlsPoint);
            }
            provider.addSipListener(listener);
            stack.start();
        } catch (Exception | Error e) {
            stack.stop();
            throw e;
        }
        if (tlsPort > 0) {
            LOG.info("SIP listening on {} udp/{} tcp/{} tls/{}", bindAddress, udpPort, tcpPort, tlsPort);
        } else {
            LOG.info("SIP listening on {} udp/{} tcp/{}", bindAddress, udpPort, tcpPort);
        }
    }

    private static Properties properties(TlsKeyStoreFile keys, Properties overrides) {
        SipFactory.getInstance().setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "gov.nist.voxgate-" + INSTANCES.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("javax.sip.ROUTER_PATH", TargetRouter.class.getName()); // located targets (RFC 3263)
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        // The stack's hard limit: a TCP/TLS message longer than this closes the connection, and a
        // UDP datagram is read up to this many bytes (a datagram cannot be longer). Messages between
        // SipDefenceConfig.maxMessageBytes (16 KB) and this reach the listener whole and get a
        // counted 413; set lower, a cut datagram would get the stack's own 400 (bad Content-Length).
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "32"); // the SLF4J backend decides what is kept
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", "4");
        if (keys != null) {
            p.setProperty("javax.net.ssl.keyStore", keys.file().toString());
            p.setProperty("javax.net.ssl.keyStorePassword", keys.password());
            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
            // Carriers' chains are checked against the configured CAs (or the JDK's), never our own key store
            p.setProperty("javax.net.ssl.trustStore", keys.trustFile().toString());
            p.setProperty("javax.net.ssl.trustStorePassword", keys.password());
            p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            // Callers are identified by SIP, not by client certificates.
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", TlsPolicy.PROTOCOLS));
            // The stack's own default list has RSA key exchange and anonymous suites: never use it.
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", TlsPolicy.CIPHER_SUITES));
            p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "5000");
            // ... and must name the host we connect to (RFC 5922 section 7.3)
            p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", CarrierTlsPolicy.class.getName());
        }
        p.putAll(overrides);
        return p;
    }

    public SipProvider provider() {
        return provider;
    }

    public AddressFactory addressFactory() {
        return addressFactory;
    }

    public HeaderFactory headerFactory() {
        return headerFactory;
    }

    public MessageFactory messageFactory() {
        return messageFactory;
    }

    /** Stops the stack, closing its sockets and threads. */
    public void stop() {
        try {
            provider.removeSipListener(listener);
        } catch (RuntimeException e) {
            LOG.debug("removing listener failed", e);
        }
        // NIST's UDPMessageProcessor.stop() closes the socket, then walks its channel list while
        // channel threads remove themselves: a ConcurrentModificationException now and then.
        // The sockets are closed by then; another stop() finishes the rest.
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    LOG.warn("SIP stack did not stop cleanly", e);
                    return;
                }
                LOG.debug("SIP stack stop raced with its own threads, again", e);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Sends the request (a new client transaction's, before {@code sendRequest}) to {@code target}
     * instead of where its Request-URI's host resolves; see {@link TargetRouter}.
     */
    void pin(javax.sip.message.Request request, org.voxgate.sip.SipTarget target) {
        javax.sip.header.ViaHeader via = (javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME);
        ((TargetRouter) stack.getRouter()).pin(via.getBranch(), target);
    }
}
