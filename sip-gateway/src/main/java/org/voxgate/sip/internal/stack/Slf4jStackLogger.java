package org.voxgate.sip.internal.stack;

import java.util.Locale;
import java.util.Properties;

import gov.nist.core.StackLogger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NIST stack's logger, on SLF4J (installed with {@code gov.nist.javax.sip.STACK_LOGGER}).
 * The stock one logs every packet it cannot parse at ERROR with all its bytes: garbage from
 * the network would become a flood of log lines an attacker controls. Here such reports go to
 * DEBUG, the stack's INFO (message traces) goes to DEBUG, and every message is cut to
 * {@value #MAX_CHARS} characters. Logger: {@code gov.nist.stack}.
 */
public final class Slf4jStackLogger implements StackLogger {
    static final int MAX_CHARS = 300;
    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.stack");

    private volatile boolean enabled = true;

    /** Public no-argument constructor: the stack instantiates it by class name. */
    public Slf4jStackLogger() {
    }

    static String cut(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_CHARS ? message : message.substring(0, MAX_CHARS) + "... (" + message.length() + " chars)";
    }

    /** Reports about what a peer sent (bad packets, unparsable headers) are the peer's problem. */
    static boolean aboutPeerInput(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("incoming") || m.contains("parse") || m.contains("bad") || m.contains("malformed")
                || m.contains("dropping") || m.contains("invalid")
                // a TLS client that fails its handshake (old protocol, no common suite, port scan)
                || m.contains("accepting connection") || m.contains("handshake")
                // a TCP/TLS peer that sent a CRLFCRLF keep-alive (RFC 5626) and closed before our
                // CRLF went out; the stack logs a bare "Error is " line just before it
                || m.contains("clrf") || m.contains("crlf") || m.strip().equals("error is") || m.strip().equals("error is null");
    }

    @Override
    public void logError(String message) {
        if (!enabled) {
            return;
        }
        if (aboutPeerInput(message)) {
            LOG.debug("{}", cut(message));
        } else {
            LOG.error("{}", cut(message));
        }
    }

    @Override
    public void logError(String message, Exception e) {
        if (!enabled) {
            return;
        }
        if (aboutPeerInput(message)) {
            LOG.debug("{}", cut(message), e);
        } else {
            LOG.error("{}", cut(message), e);
        }
    }

    @Override
    public void logFatalError(String message) {
        if (enabled) {
            LOG.error("{}", cut(message));
        }
    }

    @Override
    public void logWarning(String message) {
        if (!enabled) {
            return;
        }
        if (message != null && (message.contains("TLS") || message.contains("tls") || message.contains("store"))) {
            LOG.debug("{}", cut(message)); // TLS defaults and key store notes at start
        } else {
            LOG.warn("{}", cut(message));
        }
    }

    /** The stack's INFO is message tracing and chatter: DEBUG here. */
    @Override
    public void logInfo(String message) {
        if (enabled && LOG.isDebugEnabled()) {
            LOG.debug("{}", cut(message));
        }
    }

    @Override
    public void logDebug(String message) {
        if (enabled && LOG.isDebugEnabled()) {
            LOG.debug("{}", cut(message));
        }
    }

    @Override
    public void logDebug(String message, Exception e) {
        if (enabled && LOG.isDebugEnabled()) {
            LOG.debug("{}", cut(message), e);
        }
    }

    @Override
    public void logTrace(String message) {
        if (enabled && LOG.isTraceEnabled()) {
            LOG.trace("{}", cut(message));
        }
    }

    @Override
    public void logException(Throwable t) {
        if (enabled) {
            LOG.debug("stack exception", t); // the stack recovers from these; details for debugging
        }
    }

    @Override
    public void logStackTrace() {
        // the stock logger prints the caller's stack here; not useful in production
    }

    @Override
    public void logStackTrace(int traceLevel) {
        // see logStackTrace()
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled;
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (!enabled) {
            return false;
        }
        if (level >= TRACE_TRACE) {
            return LOG.isTraceEnabled();
        }
        if (level >= TRACE_INFO) { // also TRACE_MESSAGES: message traces are costly to build
            return LOG.isDebugEnabled();
        }
        if (level >= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        return level > TRACE_NONE && LOG.isErrorEnabled();
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        // not logged
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // levels come from the SLF4J backend's configuration
    }

    @Override
    public String getLoggerName() {
        return "gov.nist.stack";
    }
}
