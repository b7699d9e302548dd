package org.voxgate.sip.internal.stack;

import java.nio.charset.StandardCharsets;

import javax.sip.ServerTransaction;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;

import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.DtmfSource;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.sip.internal.dtmf.InfoDtmfParser;

/** RFC 6086 INFO in a dialog, either direction: DTMF relay bodies go into the leg, empty INFO is a keep-alive. */
final class InfoDigits {
    private InfoDigits() {
    }

    /** Answers {@code request} (200, 400 for a body without a digit) after injecting its digit into {@code target}. */
    static void deliver(GatewayCore core, ServerTransaction tx, Request request, MediaLeg target, String localTag) {
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            core.respond(tx, request, 200, localTag);
            return;
        }
        ContentTypeHeader ct = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        InfoDtmfParser.InfoDigit digit = InfoDtmfParser.parse(ct.getContentSubType(),
                new String(body, StandardCharsets.US_ASCII));
        if (digit == null) {
            core.respond(tx, request, 400, localTag);
            return;
        }
        // inject before answering: the peer sends the next digit's INFO as soon as it has our
        // 200, and the stack may hand that one to another thread
        try {
            target.injectDtmf(digit.digit(), digit.durationMs(), DtmfSource.SIP_INFO);
        } catch (IllegalStateException e) {
            LoggerFactory.getLogger(InfoDigits.class).debug("leg closed before the INFO digit", e);
        }
        core.respond(tx, request, 200, localTag);
    }
}
