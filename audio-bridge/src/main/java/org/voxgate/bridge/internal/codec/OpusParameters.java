package org.voxgate.bridge.internal.codec;

import java.util.Locale;

/**
 * The Opus fmtp parameters that matter to a sender (RFC 7587 section 6.1). They describe what
 * the <em>receiver</em> of the stream wants, so ours go in our SDP and the peer's configure our
 * encoder.
 *
 * @param maxAverageBitrate bits per second, 6000..510000
 * @param useInbandFec      the receiver can use in-band FEC: encode it
 * @param useDtx            the receiver prefers discontinuous transmission
 * @param maxPlaybackRateHz highest audio bandwidth worth sending, 8000..48000
 */
public record OpusParameters(int maxAverageBitrate, boolean useInbandFec, boolean useDtx, int maxPlaybackRateHz) {
    /** What we ask for: 32 kbit/s wideband speech with FEC, no DTX (RFC 7587 defaults differ). */
    public static final OpusParameters OURS = new OpusParameters(32_000, true, false, 48_000);
    /** What a peer that sent no fmtp gets (RFC 7587 section 6.1 defaults, 32 kbit/s cap ours). */
    public static final OpusParameters PEER_DEFAULT = new OpusParameters(32_000, false, false, 48_000);

    public OpusParameters {
        maxAverageBitrate = Math.max(6_000, Math.min(510_000, maxAverageBitrate));
        maxPlaybackRateHz = Math.max(8_000, Math.min(48_000, maxPlaybackRateHz));
    }

    /** Our fmtp value: stereo=0 and sprop-stereo=0 since a bridge leg is mono. */
    public String fmtp() {
        return "maxplaybackrate=" + maxPlaybackRateHz + ";stereo=0;sprop-stereo=0;useinbandfec="
                + (useInbandFec ? 1 : 0) + ";usedtx=" + (useDtx ? 1 : 0) + ";maxaveragebitrate=" + maxAverageBitrate;
    }

    /** Parses a peer's fmtp value; unknown or malformed parameters are ignored (section 6.1). */
    public static OpusParameters parse(String fmtp) {
        int bitrate = PEER_DEFAULT.maxAverageBitrate;
        boolean fec = PEER_DEFAULT.useInbandFec;
        boolean dtx = PEER_DEFAULT.useDtx;
        int playback = PEER_DEFAULT.maxPlaybackRateHz;
        if (fmtp != null) {
            for (String part : fmtp.split(";")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = part.substring(eq + 1).trim();
                try {
                    switch (key) {
                        case "maxaveragebitrate" -> bitrate = Integer.parseInt(value);
                        case "useinbandfec" -> fec = "1".equals(value);
                        case "usedtx" -> dtx = "1".equals(value);
                        case "maxplaybackrate" -> playback = Integer.parseInt(value);
                        default -> {
                            // stereo, cbr, ptime and others: a mono variable-rate sender ignores them
                        }
                    }
                } catch (NumberFormatException ignored) {
                    // keep the default
                }
            }
        }
        return new OpusParameters(bitrate, fec, dtx, playback);
    }

    /** libopus bandwidth for the playback rate. */
    int maxBandwidth() {
        if (maxPlaybackRateHz <= 8_000) {
            return tomp2p.opuswrapper.Opus.OPUS_BANDWIDTH_NARROWBAND;
        }
        if (maxPlaybackRateHz <= 16_000) {
            return tomp2p.opuswrapper.Opus.OPUS_BANDWIDTH_WIDEBAND;
        }
        if (maxPlaybackRateHz <= 24_000) {
            return tomp2p.opuswrapper.Opus.OPUS_BANDWIDTH_SUPERWIDEBAND;
        }
        return tomp2p.opuswrapper.Opus.OPUS_BANDWIDTH_FULLBAND;
    }
}
