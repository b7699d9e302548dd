package org.voxgate.server;

/** The server could not start: a port in use, an unusable data directory. The message says which. */
public final class StartupException extends Exception {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
