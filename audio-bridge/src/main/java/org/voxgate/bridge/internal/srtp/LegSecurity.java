package org.voxgate.bridge.internal.srtp;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.sdp.MediaDescription;
import org.voxgate.bridge.internal.sdp.MediaProtocol;
import org.voxgate.bridge.internal.sdp.SessionDescription;
import org.voxgate.bridge.internal.sdp.StreamSecurity;

/**
 * The security policy and key exchange of one leg's audio stream.
 *
 * <p>Policy (see the module README):
 * <ul>
 *   <li>RTP/AVP is always answerable; it turns SRTP off on the leg. So are its TCP forms
 *       TCP/RTP/AVP and TCP/TLS/RTP/AVP (RFC 4571, RFC 7850) when TCP media is enabled.</li>
 *   <li>TCP/RTP/SAVP(F) follows the SDES rules of RTP/SAVP: the keys need secure signalling.</li>
 *   <li>RTP/SAVP with SDES a=crypto is answerable only when the signalling that carried the
 *       offer is secure ({@code LegOptions.secureSignalling}, e.g. SIP over TLS): RFC 4568
 *       section 8.3 requires the SDP to be protected, and we never accept or send keys in the
 *       clear. Over plain signalling such a stream is refused with warn-code 302 (incompatible
 *       transport protocol); when the offer also carries an RTP/AVP alternative, that one is
 *       answered instead and the call runs without SRTP.</li>
 *   <li>The feedback variants RTP/SAVPF and UDP/TLS/RTP/SAVPF are treated like their base
 *       profiles and answered as offered.</li>
 *   <li>UDP/TLS/RTP/SAVP (DTLS-SRTP) is answerable over any signalling: no key travels in SDP.
 *       Over plain signalling the fingerprint itself is not integrity-protected (RFC 5763
 *       section 7.1), which the deployment accepts by not turning on SIP-TLS.</li>
 * </ul>
 *
 * <p>Called by the negotiator under the leg's monitor.
 */
public final class LegSecurity implements StreamSecurity, AutoCloseable {
    private final boolean secureSignalling;
    private final LegOptions.SrtpPolicy policy;
    private final LegSrtp srtp;
    private final SdesNegotiation sdes;
    private final DtlsNegotiation dtls;

    /**
     * @param dtls DTLS-SRTP for this leg, or null when the leg does not offer it
     */
    public LegSecurity(boolean secureSignalling, LegSrtp srtp, SecureRandom random, DtlsNegotiation dtls) {
        this(secureSignalling, LegOptions.SrtpPolicy.OPTIONAL, srtp, random, dtls);
    }

    /**
     * @param policy OFF: only RTP/AVP streams are answerable; REQUIRED: RTP/AVP streams are
     *               refused (warn-code 302), so an offer without usable SRTP is refused
     */
    public LegSecurity(boolean secureSignalling, LegOptions.SrtpPolicy policy, LegSrtp srtp, SecureRandom random,
                       DtlsNegotiation dtls) {
        this.secureSignalling = secureSignalling;
        this.policy = Objects.requireNonNull(policy);
        this.srtp = Objects.requireNonNull(srtp);
        this.sdes = new SdesNegotiation(random);
        this.dtls = dtls;
    }

    @Override
    public SdpException refusal(MediaDescription m, SessionDescription sd) {
        MediaProtocol proto = MediaProtocol.of(m.proto());
        if (proto.plain()) {
            // RTP/AVP, TCP/RTP/AVP, TCP/TLS/RTP/AVP(F); TLS-wrapped media is encrypted, so REQUIRED takes it
            return policy != LegOptions.SrtpPolicy.REQUIRED || proto.tls() ? null : new SdpException(302, false,
                    "SRTP is required on this trunk; offer RTP/SAVP with SDES over SIP-TLS, or DTLS-SRTP");
        }
        if (policy == LegOptions.SrtpPolicy.OFF) {
            return new SdpException(302, false, m.proto() + " refused: SRTP is off on this trunk; offer RTP/AVP");
        }
        if (proto.sdes()) {
            if (!secureSignalling) {
                return new SdpException(302, false, m.proto()
                        + " with SDES keys refused over unencrypted signalling; call over SIP-TLS (sips:)"
                        + " or offer DTLS-SRTP or RTP/AVP");
            }
            if (!SdesNegotiation.acceptable(m.cryptos())) {
                return new SdpException(306, false, "no acceptable a=crypto line; this bridge takes "
                        + String.join(", ", SdesNegotiation.PREFERENCE.stream().map(Enum::name).toList())
                        + " without session parameters");
            }
            return null;
        }
        if (proto.dtls()) {
            return dtls == null ? new SdpException(302, false, "DTLS-SRTP is not available on this bridge")
                    : dtls.refusal(m, sd);
        }
        return new SdpException(302, false, "media protocol " + m.proto() + " not supported");
    }

    @Override
    public List<String> answer(MediaDescription m, SessionDescription sd) throws SdpException {
        MediaProtocol proto = MediaProtocol.of(m.proto());
        if (!proto.sdes()) {
            sdes.close();
        }
        if (!proto.dtls() && dtls != null) {
            dtls.stop();
        }
        if (proto.sdes()) {
            if (srtp.mode() == LegSrtp.Mode.FAILED) {
                srtp.pending(); // a failed DTLS handshake before: start afresh
            }
            SdesNegotiation.Outcome o = sdes.answer(m.cryptos());
            srtp.install(o.receive(), o.sendRtp(), o.sendRtcp());
            return List.of(o.answerLine());
        }
        if (proto.dtls()) {
            return dtls.answer(m, sd);
        }
        srtp.clear();
        return List.of();
    }

    /** Wipes the keys of both directions and stops any handshake (the leg closed). */
    @Override
    public void close() {
        sdes.close();
        if (dtls != null) {
            dtls.stop();
        }
        srtp.close();
    }
}
