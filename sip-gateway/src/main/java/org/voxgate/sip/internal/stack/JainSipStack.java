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

/**
 * One NIST JAIN-SIP stack with a UDP and a TCP listening point on one provider. Dialogs are
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
        this(bindAddress, advertisedHost, udpPort, tcpPort, listener, new Properties());
    }

    /**
     * @param advertisedHost host of the Via sent-by of our requests (a wildcard bind address
     *                       must never appear there)
     * @param overrides      NIST stack properties that replace ours (tests shorten timers with them)
     */
    JainSipStack(String bindAddress, String advertisedHost, int udpPort, int tcpPort, SipListener listener,
                 Properties overrides) throws Exception {
        this.listener = listener;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "gov.nist.voxgate-" + INSTANCES.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "32"); // the SLF4J backend decides what is kept
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", "4");
        p.putAll(overrides);
        stack = factory.createSipStack(p);
        try {
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
            provider.addSipListener(listener);
            stack.start();
        } catch (Exception | Error e) {
            stack.stop();
            throw e;
        }
        LOG.info("SIP listening on {} udp/{} tcp/{}", bindAddress, udpPort, tcpPort);
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
}
