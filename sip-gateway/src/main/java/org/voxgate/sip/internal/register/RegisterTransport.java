package org.voxgate.sip.internal.register;

/**
 * Sends REGISTERs for the machines; implemented on the stack side. Must not block the caller
 * (connect and TLS handshakes happen on another thread) and must report exactly one final
 * outcome per request: {@code sink.onResponse(request.cseq(), response)} for each final
 * response, a timeout or a transport error ({@link RegisterResponse#timeout()},
 * {@link RegisterResponse#transportError(String)}).
 */
public interface RegisterTransport {

    void send(RegisterRequest request, ResponseSink sink);

    /** Where the outcome of a REGISTER goes. */
    interface ResponseSink {
        void onResponse(long cseq, RegisterResponse response);
    }
}
