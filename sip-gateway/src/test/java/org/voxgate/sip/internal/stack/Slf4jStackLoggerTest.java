package org.voxgate.sip.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import gov.nist.core.LogLevels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class Slf4jStackLoggerTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("gov.nist.stack");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Slf4jStackLogger stackLogger = new Slf4jStackLogger();
    private Level before;

    @BeforeEach
    void attach() {
        before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }

    private List<ILoggingEvent> events() {
        return appender.list;
    }

    @Test
    void garbageFromPeersIsDebugAndCut() {
        String packet = "Error while processing incoming UDP packet" + "[1, 2, 3, 0, 0, 0]".repeat(5000);
        stackLogger.logError(packet);
        stackLogger.logError("Dropping badly formatted message", new IllegalStateException("x"));
        stackLogger.logError("A problem occured while Accepting connection",
                new javax.net.ssl.SSLHandshakeException("Client requested protocol TLSv1.1 is not enabled"));
        stackLogger.logError("Error is ");
        stackLogger.logError("A problem occured while trying to send a single CLRF in response to a double CLRF",
                new java.io.IOException("Broken pipe"));
        assertThat(events()).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.DEBUG, Level.DEBUG, Level.DEBUG, Level.DEBUG, Level.DEBUG);
        assertThat(events().get(0).getFormattedMessage().length()).isLessThan(Slf4jStackLogger.MAX_CHARS + 40);
    }

    @Test
    void realStackTroubleStaysAnError() {
        stackLogger.logError("could not bind the listening point");
        stackLogger.logWarning("thread pool exhausted");
        stackLogger.logWarning("TLS server settings will be inactive");
        assertThat(events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.WARN, Level.DEBUG);
    }

    @Test
    void messageTracingOnlyWhenDebugIsOn() {
        assertThat(stackLogger.isLoggingEnabled(LogLevels.TRACE_MESSAGES)).isTrue();
        logger.setLevel(Level.INFO);
        assertThat(stackLogger.isLoggingEnabled(LogLevels.TRACE_MESSAGES)).isFalse();
        assertThat(stackLogger.isLoggingEnabled(LogLevels.TRACE_DEBUG)).isFalse();
        assertThat(stackLogger.isLoggingEnabled(LogLevels.TRACE_ERROR)).isTrue();
        stackLogger.logInfo("<message from=...>");
        assertThat(events()).isEmpty();
        stackLogger.disableLogging();
        assertThat(stackLogger.isLoggingEnabled(LogLevels.TRACE_ERROR)).isFalse();
        stackLogger.logError("anything");
        assertThat(events()).isEmpty();
    }
}
