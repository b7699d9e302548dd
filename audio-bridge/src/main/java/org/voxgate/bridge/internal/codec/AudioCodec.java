package org.voxgate.bridge.internal.codec;

import java.util.Locale;

/**
 * The audio codecs the bridge speaks, with how SDP names them (RFC 3551 section 6, RFC 7587)
 * and at which rate their audio really runs.
 *
 * <pre>
 *  codec  rtpmap             RTP clock  audio     payload type
 *  PCMU   PCMU/8000          8000       8 kHz     0 (static)
 *  PCMA   PCMA/8000          8000       8 kHz     8 (static)
 *  G722   G722/8000          8000       16 kHz    9 (static; RFC 3551 4.5.2: the clock rate is
 *                                                  8000 for historical reasons, audio is 16 kHz)
 *  OPUS   opus/48000/2       48000      48 kHz    dynamic (RFC 7587 section 7: always /48000/2,
 *                                                  mono is signalled with stereo=0)
 *  L16    L16/16000          16000      16 kHz    dynamic (RFC 3551 4.5.11; for tests)
 * </pre>
 */
public enum AudioCodec {
    PCMU("PCMU", 8000, 8000, 1, 0, 0),
    PCMA("PCMA", 8000, 8000, 1, 8, 8),
    G722("G722", 8000, 16000, 1, 9, 9),
    OPUS("opus", 48000, 48000, 2, -1, 111),
    L16("L16", 16000, 16000, 1, -1, 118);

    private final String encodingName;
    private final int rtpClockRateHz;
    private final int sampleRateHz;
    private final int rtpmapChannels;
    private final int staticPayloadType;
    private final int offerPayloadType;

    AudioCodec(String encodingName, int rtpClockRateHz, int sampleRateHz, int rtpmapChannels,
               int staticPayloadType, int offerPayloadType) {
        this.encodingName = encodingName;
        this.rtpClockRateHz = rtpClockRateHz;
        this.sampleRateHz = sampleRateHz;
        this.rtpmapChannels = rtpmapChannels;
        this.staticPayloadType = staticPayloadType;
        this.offerPayloadType = offerPayloadType;
    }

    /** Encoding name as written in a=rtpmap. */
    public String encodingName() {
        return encodingName;
    }

    /** Clock rate of RTP timestamps and of a=rtpmap. */
    public int rtpClockRateHz() {
        return rtpClockRateHz;
    }

    /** Rate of the audio the codec carries. */
    public int sampleRateHz() {
        return sampleRateHz;
    }

    /** Channel count written in a=rtpmap (1 is left out). */
    public int rtpmapChannels() {
        return rtpmapChannels;
    }

    /** RFC 3551 static payload type, or -1. */
    public int staticPayloadType() {
        return staticPayloadType;
    }

    /** Payload type we put in our offers. */
    public int offerPayloadType() {
        return offerPayloadType;
    }

    /** RTP timestamp units for {@code samples} samples of audio. */
    public int rtpUnits(int samples) {
        return (int) ((long) samples * rtpClockRateHz / sampleRateHz);
    }

    /** Samples of audio in {@code ptimeMs}. */
    public int samplesPer(int ptimeMs) {
        return sampleRateHz * ptimeMs / 1000;
    }

    /** Whether this process can use the codec (Opus needs native libopus). */
    public boolean available() {
        return this != OPUS || OpusSupport.available();
    }

    /** Whether one encoder may serve many streams (no state between frames). */
    public boolean statelessEncoder() {
        return this == PCMU || this == PCMA || this == L16;
    }

    /**
     * A new encoder.
     *
     * @param opus the receiver's Opus parameters (ignored by the others)
     * @throws IllegalStateException for Opus when libopus is unavailable
     */
    public AudioEncoder newEncoder(OpusParameters opus) {
        return switch (this) {
            case PCMU -> G711Codec.encoder(G711.PCMU);
            case PCMA -> G711Codec.encoder(G711.PCMA);
            case G722 -> new G722Encoder();
            case OPUS -> new OpusEncoder(opus == null ? OpusParameters.PEER_DEFAULT : opus);
            case L16 -> L16Codec.encoder(sampleRateHz);
        };
    }

    /** A new decoder with concealment. @throws IllegalStateException as {@link #newEncoder} */
    public AudioDecoder newDecoder() {
        return switch (this) {
            case PCMU -> G711Codec.decoder(G711.PCMU);
            case PCMA -> G711Codec.decoder(G711.PCMA);
            case G722 -> new G722Decoder();
            case OPUS -> new OpusDecoder();
            case L16 -> L16Codec.decoder(sampleRateHz);
        };
    }

    /**
     * The codec for a configuration name ("PCMU", "PCMA", "G722", "OPUS", "L16"; any case), or
     * null.
     */
    public static AudioCodec forName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (AudioCodec c : values()) {
            if (c.name().equals(n)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The codec an a=rtpmap names: encoding (any case), clock rate and channels must match this
     * table; G.722 only as G722/8000.
     */
    public static AudioCodec forRtpmap(String encoding, int clockRateHz, int channels) {
        for (AudioCodec c : values()) {
            if (c.encodingName.equalsIgnoreCase(encoding) && c.rtpClockRateHz == clockRateHz
                    && (channels == c.rtpmapChannels || (c != OPUS && channels <= 1))) {
                return c;
            }
        }
        return null;
    }

    /** Releases native state of an encoder or decoder made here, if it has any. */
    public static void release(Object coder) {
        if (coder instanceof AutoCloseable ac) {
            try {
                ac.close();
            } catch (Exception ignored) {
                // freeing native memory does not fail in a way we could act on
            }
        }
    }
}
