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
 * @param srtpPolicy        which media protocols the leg answers (a SIP trunk's setting):
 *                          {@link SrtpPolicy#OPTIONAL} (the default) as described above;
 *                          {@link SrtpPolicy#OFF} answers only RTP/AVP streams (SDES and DTLS-SRTP
 *                          streams are refused, warn-code 302); {@link SrtpPolicy#REQUIRED} refuses
 *                          RTP/AVP streams (warn-code 302), so an offer without usable SRTP gets
 *                          {@link SdpException} and the call 488
 */
public record LegOptions(String callId, List<String> codecs, boolean inbandDtmf, boolean secureSignalling,
                         SrtpPolicy srtpPolicy) {

    /** What media protection a leg insists on. */
    public enum SrtpPolicy { OFF, OPTIONAL, REQUIRED }

    public LegOptions {
        Objects.requireNonNull(callId, "callId");
        codecs = List.copyOf(codecs);
        if (srtpPolicy == null) {
            srtpPolicy = SrtpPolicy.OPTIONAL;
        }
    }

    /** Options with the default SRTP policy (OPTIONAL). */
    public LegOptions(String callId, List<String> codecs, boolean inbandDtmf, boolean secureSignalling) {
        this(callId, codecs, inbandDtmf, secureSignalling, SrtpPolicy.OPTIONAL);
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
        return new LegOptions(callId, codecs, inbandDtmf, secure, srtpPolicy);
    }

    /** A copy with this codec preference (best first; empty: the bridge default). */
    public LegOptions withCodecs(List<String> preference) {
        return new LegOptions(callId, preference, inbandDtmf, secureSignalling, srtpPolicy);
    }

    /** A copy with this SRTP policy. */
    public LegOptions withSrtpPolicy(SrtpPolicy policy) {
        return new LegOptions(callId, codecs, inbandDtmf, secureSignalling, Objects.requireNonNull(policy, "policy"));
    }
}
