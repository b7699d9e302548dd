package org.voxgate.bridge.api;

import java.util.List;
import java.util.Objects;

/**
 * What a leg is for.
 *
 * @param callId            signalling's call id, carried into the leg's logs
 * @param codecs            codec preference, best first, by IANA encoding name ("PCMU", "PCMA");
 *                          empty means the bridge default
 * @param inbandDtmf        run the in-band (Goertzel) DTMF detector on this leg's audio
 * @param secureSignalling  the offers and answers of this leg travel over a secure channel (SIP
 *                          over TLS): only then are SDES keys (RTP/SAVP with a=crypto, RFC 4568)
 *                          accepted and sent. False refuses SDES offers (see
 *                          {@link MediaLeg#answer(String)}); DTLS-SRTP is taken either way.
 */
public record LegOptions(String callId, List<String> codecs, boolean inbandDtmf, boolean secureSignalling) {
    public LegOptions {
        Objects.requireNonNull(callId, "callId");
        codecs = List.copyOf(codecs);
    }

    /** Options over plain signalling. */
    public LegOptions(String callId, List<String> codecs, boolean inbandDtmf) {
        this(callId, codecs, inbandDtmf, false);
    }

    /** Defaults for a call: bridge codecs, in-band DTMF on, plain signalling. */
    public static LegOptions forCall(String callId) {
        return new LegOptions(callId, List.of(), true);
    }

    /** A copy that says whether the signalling channel is secure. */
    public LegOptions withSecureSignalling(boolean secure) {
        return new LegOptions(callId, codecs, inbandDtmf, secure);
    }
}
