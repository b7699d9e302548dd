package org.voxgate.lab.load;

import java.util.Locale;

/**
 * The one audio codec a load run offers (with telephone-event at its clock, RFC 4733 section
 * 2.1): G.711 mu-law or A-law at 8 kHz (static payload types 0 and 8, RFC 3551 table 4), or Opus
 * at its 48 kHz RTP clock as a dynamic payload type (RFC 7587 section 7, always
 * {@code opus/48000/2}). 20 ms frames.
 */
public enum LoadCodec {
    PCMU("PCMU", 0, 8000, 1),
    PCMA("PCMA", 8, 8000, 1),
    OPUS("opus", 111, 48_000, 2);

    /** 20 ms per packet. */
    static final int FRAMES_PER_SECOND = 50;

    private final String encodingName;
    private final int offerPayloadType;
    private final int clockRateHz;
    private final int rtpmapChannels;

    LoadCodec(String encodingName, int offerPayloadType, int clockRateHz, int rtpmapChannels) {
        this.encodingName = encodingName;
        this.offerPayloadType = offerPayloadType;
        this.clockRateHz = clockRateHz;
        this.rtpmapChannels = rtpmapChannels;
    }

    /** The a=rtpmap encoding name. */
    public String encodingName() {
        return encodingName;
    }

    /** The payload type we offer: static 0/8 for G.711, dynamic 111 for Opus. */
    public int offerPayloadType() {
        return offerPayloadType;
    }

    /** RTP clock (and telephone-event clock) in Hz: 8000 for G.711, 48000 for Opus. */
    public int clockRateHz() {
        return clockRateHz;
    }

    /** RTP timestamp units in one 20 ms frame: 160 for G.711, 960 for Opus. */
    public int samplesPerFrame() {
        return clockRateHz / FRAMES_PER_SECOND;
    }

    /** "PCMU/8000", "opus/48000/2": the a=rtpmap value after the payload type. */
    public String rtpmap() {
        return encodingName + "/" + clockRateHz + (rtpmapChannels > 1 ? "/" + rtpmapChannels : "");
    }

    /** Whether an answer's a=rtpmap names this codec (encoding names are case-insensitive, RFC 4855 3). */
    boolean matches(String name, int clock) {
        return name.equalsIgnoreCase(encodingName) && clock == clockRateHz;
    }

    /**
     * @param name pcmu, pcma or opus, any case
     * @throws IllegalArgumentException for anything else (the message lists the choices)
     */
    public static LoadCodec parse(String name) {
        if (name != null) {
            for (LoadCodec c : values()) {
                if (c.name().equalsIgnoreCase(name.trim())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("codec is pcmu, pcma or opus, was " + name);
    }

    /** The {@code --codec} value: pcmu, pcma, opus. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
