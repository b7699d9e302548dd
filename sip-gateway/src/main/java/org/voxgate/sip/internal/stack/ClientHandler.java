package org.voxgate.sip.internal.stack;

import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;

/**
 * Who handles the responses to a client transaction that no {@link SipCall} owns (REGISTER,
 * an outbound INVITE before its call exists, OPTIONS pings). Set it with
 * {@code ClientTransaction.setApplicationData(handler)} before {@code sendRequest()}; the
 * dispatcher hands that transaction's responses and timeout to it first. Runs on the stack's
 * threads with MDC callId set; must not block.
 */
interface ClientHandler {

    void onResponse(ResponseEvent event);

    void onTimeout(TimeoutEvent event);

    /**
     * The request was not sent because the TLS peer failed our checks after the handshake (its
     * certificate does not name the host: {@link CarrierTlsPolicy}). Called on the sending
     * thread, before {@code sendRequest()} returns; the stack may still report a timeout for the
     * transaction later. Default: nothing (the timeout will come).
     */
    default void onTransportRefused(String reason) {
    }
}
