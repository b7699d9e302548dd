package org.voxgate.bridge.internal.sdp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.OpusParameters;

/**
 * Offer/answer (RFC 3264) for one leg with one audio stream. Not thread-safe: the leg
 * serializes calls.
 *
 * <ul>
 *   <li>{@link #answer(String)}: answers an offer; every m= line gets an answer line in the same
 *       order (section 6); the first usable audio stream is taken, others get port 0.</li>
 *   <li>{@link #createOffer()} / {@link #acceptAnswer(String)}: our offer for a late-offer
 *       INVITE and the peer's answer to it.</li>
 *   <li>Our o= line keeps its session id; its version increments whenever the body we send
 *       changes (section 8: "the version number MUST be incremented" on change, and stay the
 *       same when the description is unchanged).</li>
 * </ul>
 */
public final class SdpNegotiator {
    /** Payload type we offer for telephone-event/8000. */
    public static final int OFFER_TELEPHONE_EVENT_PT = 101;
    /**
     * Payload types we offer for telephone-event at the other clock rates of our codecs (48000
     * next to Opus, 16000 next to L16), in the order of the preference (RFC 4733 section 2.1:
     * events use the clock of the audio they go with; G.722 is 8000, RFC 3551 section 4.5.2).
     */
    private static final int[] OFFER_TELEPHONE_EVENT_WIDE_PTS = {100, 102, 103};
    /** Events we accept and answer with: DTMF 0-9, *, #, A-D (RFC 4733 section 3.2). */
    public static final String TELEPHONE_EVENTS = "0-15";
    static final int DEFAULT_PTIME_MS = 20;
    /** Packet durations we take from a peer's a=ptime (others fall back to 20 ms). */
    private static final java.util.Set<Integer> PTIMES_MS = java.util.Set.of(10, 20, 30, 40, 60);

    private final InetAddress advertisedAddress;
    private final int localRtpPort;
    private final List<AudioCodec> preference;
    private final long sessionId;
    private long version;
    private String lastBody;
    private long generation;
    private boolean offerPending;
    private MediaSession current;
    private StreamSecurity security = StreamSecurity.PLAIN;
    private StreamTransport transport = StreamTransport.UDP_ONLY;
    private StreamTransport.Answer answerTransport = StreamTransport.Answer.UDP;
    /** Proto token and security attribute lines of the audio stream being answered. */
    private String answerProto = MediaProtocol.RTP_AVP.token();
    private List<String> answerSecurityLines = List.of();

    /**
     * @param preference codecs we accept, best first; the answer takes the first of these the
     *     offer contains, whatever the offer's order
     */
    public SdpNegotiator(InetAddress advertisedAddress, int localRtpPort, List<AudioCodec> preference, long sessionId) {
        this.advertisedAddress = Objects.requireNonNull(advertisedAddress);
        this.localRtpPort = localRtpPort;
        this.preference = List.copyOf(preference);
        if (this.preference.isEmpty()) {
            throw new IllegalArgumentException("no codecs");
        }
        this.sessionId = sessionId;
        this.version = sessionId;
    }

    /** Decides which secure profiles may be answered and writes their attributes; PLAIN by default. */
    public void setSecurity(StreamSecurity security) {
        this.security = Objects.requireNonNull(security);
    }

    /** Decides whether TCP streams (RFC 4571) may be answered; {@link StreamTransport#UDP_ONLY} by default. */
    public void setTransport(StreamTransport transport) {
        this.transport = Objects.requireNonNull(transport);
    }

    /** The last negotiated session, or null before the first exchange. */
    public MediaSession current() {
        return current;
    }

    /**
     * Answers an offer.
     *
     * @return the answer text; {@link #current()} holds the new session
     * @throws SdpException malformed (399, malformed), no audio stream we can take (304), or no
     *     common codec (305)
     */
    public String answer(String offerText) throws SdpException {
        SessionDescription offer = SdpParser.parse(offerText);
        if (offer.media().isEmpty()) {
            throw new SdpException(304, false, "offer has no m= line; this bridge takes one audio stream");
        }
        int chosen = -1;
        AudioCodec codec = null;
        int codecPt = -1;
        int tePt = -1;
        boolean audioOffered = false;
        SdpException refused = null;
        for (int i = 0; i < offer.media().size() && chosen < 0; i++) {
            MediaDescription m = offer.media().get(i);
            if (!usableAudio(m)) {
                continue;
            }
            SdpException why = security.refusal(m, offer);
            if (why == null && MediaProtocol.of(m.proto()).tcp()) {
                why = transport.refusal(m, offer);
            }
            if (why != null) {
                refused = refused == null ? why : refused;
                continue;
            }
            audioOffered = true;
            for (AudioCodec want : preference) {
                int pt = findFormat(m, want);
                if (pt >= 0) {
                    codec = want;
                    codecPt = pt;
                    chosen = i;
                    tePt = findTelephoneEvent(m, want);
                    break;
                }
            }
        }
        if (chosen < 0) {
            if (!audioOffered && refused != null) {
                throw refused;
            }
            if (!audioOffered) {
                throw new SdpException(304, false, "no audio stream over RTP/AVP offered; this bridge takes audio over RTP/AVP");
            }
            throw new SdpException(305, false, "no common codec: this bridge accepts " + names(preference)
                    + "; offered " + offeredNames(offer));
        }
        MediaDescription m = offer.media().get(chosen);
        InetAddress address = offer.connectionFor(m);
        if (address == null) {
            throw SdpParser.malformed(0, "no c= line for the audio stream");
        }
        int ptime = PTIMES_MS.contains(m.ptimeMs()) ? m.ptimeMs() : DEFAULT_PTIME_MS;
        Direction ours = offer.directionFor(m).mirror();
        MediaSession session = session(codec, codecPt, tePt, ptime, ours, address, m);
        answerSecurityLines = security.answer(m, offer);
        answerTransport = transport.answer(m, offer);
        answerProto = m.proto();

        StringBuilder media = new StringBuilder();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription o = offer.media().get(i);
            if (i == chosen) {
                appendAudio(media, codec, codecPt, tePt, session.telephoneEventClockRateHz(), ptime, ours);
            } else {
                // RFC 3264 section 6: a rejected stream keeps its line with port 0.
                media.append("m=").append(o.media()).append(" 0 ").append(o.proto());
                for (String f : o.formats()) {
                    media.append(' ').append(f);
                }
                media.append("\r\n");
            }
        }
        offerPending = false;
        publish(session);
        return body(media.toString());
    }

    /**
     * Our offer for a late-offer exchange: every codec of our preference, telephone-event/8000,
     * and telephone-event at each other RTP clock rate of those codecs (telephone-event/48000
     * when Opus is offered), so that whichever codec the peer picks has events at its clock.
     */
    public String createOffer() {
        List<Integer> teRates = new ArrayList<>();
        teRates.add(8000);
        for (AudioCodec c : preference) {
            if (!teRates.contains(c.rtpClockRateHz())) {
                teRates.add(c.rtpClockRateHz());
            }
        }
        StringBuilder media = new StringBuilder();
        media.append("m=audio ").append(localRtpPort).append(" RTP/AVP");
        for (AudioCodec c : preference) {
            media.append(' ').append(c.offerPayloadType());
        }
        for (int i = 0; i < teRates.size(); i++) {
            media.append(' ').append(offerTelephoneEventPt(i));
        }
        media.append("\r\n");
        for (AudioCodec c : preference) {
            appendRtpmap(media, c, c.offerPayloadType());
        }
        for (int i = 0; i < teRates.size(); i++) {
            int pt = offerTelephoneEventPt(i);
            media.append("a=rtpmap:").append(pt).append(" telephone-event/").append(teRates.get(i)).append("\r\n");
            media.append("a=fmtp:").append(pt).append(' ').append(TELEPHONE_EVENTS).append("\r\n");
        }
        media.append("a=ptime:").append(DEFAULT_PTIME_MS).append("\r\n");
        media.append("a=rtcp:").append(localRtpPort + 1).append("\r\n");
        media.append("a=sendrecv\r\n");
        offerPending = true;
        return body(media.toString());
    }

    /**
     * Takes the answer to {@link #createOffer()}.
     *
     * @throws SdpException malformed, no offer pending (399), audio rejected (304), or a codec
     *     we did not offer (305)
     */
    public void acceptAnswer(String answerText) throws SdpException {
        if (!offerPending) {
            throw new SdpException(399, false, "no offer of ours is waiting for an answer");
        }
        SessionDescription answer = SdpParser.parse(answerText);
        if (answer.media().isEmpty()) {
            throw new SdpException(304, false, "answer has no m= line");
        }
        MediaDescription m = answer.media().get(0);
        if (m.port() == 0 || !"audio".equals(m.media())) {
            throw new SdpException(304, false, "the peer rejected the audio stream");
        }
        AudioCodec codec = null;
        int codecPt = -1;
        for (String f : m.formats()) {
            for (AudioCodec c : preference) {
                if (ptOf(f) >= 0 && matches(m, ptOf(f), c)) {
                    codec = c;
                    codecPt = ptOf(f);
                    break;
                }
            }
            if (codec != null) {
                break;
            }
        }
        if (codec == null) {
            throw new SdpException(305, false, "answer picked no codec we offered (" + names(preference) + ")");
        }
        InetAddress address = answer.connectionFor(m);
        if (address == null) {
            throw SdpParser.malformed(0, "no c= line for the audio stream");
        }
        int tePt = findTelephoneEvent(m, codec);
        int ptime = PTIMES_MS.contains(m.ptimeMs()) ? m.ptimeMs() : DEFAULT_PTIME_MS;
        Direction ours = answer.directionFor(m).mirror();
        if (MediaProtocol.of(m.proto()) != MediaProtocol.RTP_AVP) {
            throw new SdpException(304, false, "we offered RTP/AVP, the answer says " + m.proto());
        }
        security.answer(m, answer); // our offers are plain: the stream is plain from now on
        answerTransport = transport.answer(m, answer); // and on UDP
        offerPending = false;
        publish(session(codec, codecPt, tePt, ptime, ours, address, m));
    }

    /** The i-th telephone-event payload type of our offer: 101 for 8000, then the others. */
    private static int offerTelephoneEventPt(int i) {
        return i == 0 ? OFFER_TELEPHONE_EVENT_PT : OFFER_TELEPHONE_EVENT_WIDE_PTS[i - 1];
    }

    private MediaSession session(AudioCodec codec, int pt, int tePt, int ptime, Direction ours, InetAddress address,
                                 MediaDescription m) {
        InetSocketAddress rtp = null;
        InetSocketAddress rtcp = null;
        if (!address.isAnyLocalAddress() && m.port() > 0) {
            rtp = new InetSocketAddress(address, m.port());
            int rtcpPort = m.rtcpPort() > 0 ? m.rtcpPort() : Math.min(65535, m.port() + 1);
            rtcp = new InetSocketAddress(m.rtcpAddress() != null ? m.rtcpAddress() : address, rtcpPort);
        }
        OpusParameters opus = codec == AudioCodec.OPUS ? OpusParameters.parse(m.fmtps().get(pt)) : null;
        MediaDescription.RtpMap te = tePt >= 0 ? m.rtpmaps().get(tePt) : null;
        int teClock = te != null ? te.clockRateHz() : 8000;
        return new MediaSession(codec, pt, tePt, ptime, ours, rtp, rtcp, generation, opus, teClock);
    }

    private void publish(MediaSession s) {
        if (current == null || !sameMedia(current, s)) {
            generation++;
        }
        current = new MediaSession(s.codec(), s.payloadType(), s.telephoneEventType(), s.ptimeMs(), s.direction(),
                s.remoteRtp(), s.remoteRtcp(), generation, s.peerOpus(), s.telephoneEventClockRateHz());
    }

    private static boolean sameMedia(MediaSession a, MediaSession b) {
        return a.codec() == b.codec() && a.payloadType() == b.payloadType()
                && a.telephoneEventType() == b.telephoneEventType() && a.ptimeMs() == b.ptimeMs()
                && a.direction() == b.direction() && Objects.equals(a.remoteRtp(), b.remoteRtp())
                && Objects.equals(a.remoteRtcp(), b.remoteRtcp()) && Objects.equals(a.peerOpus(), b.peerOpus())
                && a.telephoneEventClockRateHz() == b.telephoneEventClockRateHz();
    }

    private void appendAudio(StringBuilder sb, AudioCodec codec, int pt, int tePt, int teClockRateHz, int ptime,
                             Direction dir) {
        int port = answerTransport.port() >= 0 ? answerTransport.port() : localRtpPort;
        sb.append("m=audio ").append(port).append(' ').append(answerProto).append(' ').append(pt);
        if (tePt >= 0) {
            sb.append(' ').append(tePt);
        }
        sb.append("\r\n");
        appendRtpmap(sb, codec, pt);
        if (tePt >= 0) {
            sb.append("a=rtpmap:").append(tePt).append(" telephone-event/").append(teClockRateHz).append("\r\n");
            sb.append("a=fmtp:").append(tePt).append(' ').append(TELEPHONE_EVENTS).append("\r\n");
        }
        sb.append("a=ptime:").append(ptime).append("\r\n");
        if (answerTransport.rtcpMux()) {
            sb.append("a=rtcp-mux\r\n"); // RTCP on the one TCP connection (RFC 5761)
        } else {
            sb.append("a=rtcp:").append(localRtpPort + 1).append("\r\n");
        }
        sb.append('a').append('=').append(dir.attribute()).append("\r\n");
        for (String line : answerTransport.lines()) {
            sb.append(line).append("\r\n");
        }
        for (String line : answerSecurityLines) {
            sb.append(line).append("\r\n");
        }
    }

    /**
     * a=rtpmap (and for Opus our a=fmtp). G.722 is written G722/8000 although its audio is
     * 16 kHz (RFC 3551 section 4.5.2); Opus always opus/48000/2 (RFC 7587 section 7).
     */
    private static void appendRtpmap(StringBuilder sb, AudioCodec codec, int pt) {
        sb.append("a=rtpmap:").append(pt).append(' ').append(codec.encodingName()).append('/')
                .append(codec.rtpClockRateHz());
        if (codec.rtpmapChannels() > 1) {
            sb.append('/').append(codec.rtpmapChannels());
        }
        sb.append("\r\n");
        if (codec == AudioCodec.OPUS) {
            sb.append("a=fmtp:").append(pt).append(' ').append(OpusParameters.OURS.fmtp()).append("\r\n");
        }
    }

    private String body(String media) {
        String addrType = advertisedAddress instanceof Inet6Address ? "IP6" : "IP4";
        String address = advertisedAddress.getHostAddress();
        int percent = address.indexOf('%');
        if (percent >= 0) {
            address = address.substring(0, percent);
        }
        String rest = "s=voxgate\r\n"
                + "c=IN " + addrType + " " + address + "\r\n"
                + "t=0 0\r\n"
                + media;
        if (lastBody != null && !lastBody.equals(rest)) {
            version++;
        }
        lastBody = rest;
        return "v=0\r\no=voxgate " + sessionId + " " + version + " IN " + addrType + " " + address + "\r\n" + rest;
    }

    private static boolean usableAudio(MediaDescription m) {
        return "audio".equals(m.media()) && m.port() > 0 && MediaProtocol.of(m.proto()) != MediaProtocol.OTHER;
    }

    /**
     * The payload type in {@code m} for a codec: an rtpmap naming it with its clock rate and
     * channels, else its static type listed without an rtpmap (RFC 3551 table 4); -1 if absent.
     */
    private static int findFormat(MediaDescription m, AudioCodec codec) {
        for (String f : m.formats()) {
            int pt = ptOf(f);
            if (pt >= 0 && matches(m, pt, codec)) {
                return pt;
            }
        }
        return -1;
    }

    private static boolean matches(MediaDescription m, int pt, AudioCodec codec) {
        MediaDescription.RtpMap map = m.rtpmaps().get(pt);
        if (map != null) {
            return AudioCodec.forRtpmap(map.encodingName(), map.clockRateHz(), map.channels()) == codec;
        }
        return pt == codec.staticPayloadType();
    }

    /**
     * telephone-event at the audio codec's RTP clock (RFC 4733 section 2.1: the event clock is the
     * audio's), else at 8000 Hz; -1 if absent.
     */
    private static int findTelephoneEvent(MediaDescription m, AudioCodec codec) {
        int fallback = -1;
        for (String f : m.formats()) {
            int pt = ptOf(f);
            MediaDescription.RtpMap map = pt >= 0 ? m.rtpmaps().get(pt) : null;
            if (map == null || !map.encodingName().equalsIgnoreCase("telephone-event")) {
                continue;
            }
            if (map.clockRateHz() == codec.rtpClockRateHz()) {
                return pt;
            }
            if (map.clockRateHz() == 8000 && fallback < 0) {
                fallback = pt;
            }
        }
        return fallback;
    }

    private static int ptOf(String format) {
        if (format.isEmpty() || format.length() > 3 || !format.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return -1;
        }
        int pt = Integer.parseInt(format);
        return pt <= 127 ? pt : -1;
    }

    private static String names(List<AudioCodec> codecs) {
        List<String> n = new ArrayList<>();
        for (AudioCodec c : codecs) {
            n.add(c.encodingName());
        }
        return String.join(", ", n);
    }

    private static String offeredNames(SessionDescription sd) {
        List<String> n = new ArrayList<>();
        for (MediaDescription m : sd.media()) {
            if (!"audio".equals(m.media())) {
                continue;
            }
            for (String f : m.formats()) {
                int pt = ptOf(f);
                MediaDescription.RtpMap map = pt >= 0 ? m.rtpmaps().get(pt) : null;
                n.add(map != null ? map.encodingName().toUpperCase(Locale.ROOT) + "/" + map.clockRateHz()
                        : staticName(pt, f));
            }
        }
        return n.isEmpty() ? "nothing" : String.join(", ", n);
    }

    private static String staticName(int pt, String format) {
        Map<Integer, String> known = Map.of(0, "PCMU/8000", 3, "GSM/8000", 4, "G723/8000", 8, "PCMA/8000",
                9, "G722/8000", 18, "G729/8000");
        return known.getOrDefault(pt, "pt " + format);
    }
}
