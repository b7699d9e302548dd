package org.voxgate.bridge.internal.codec;

/**
 * Duration of an Opus packet from its TOC byte (RFC 6716 section 3.1), without decoding.
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * | config  |s| c |   config: mode, bandwidth, frame size (table 2); s: stereo;
 * +-+-+-+-+-+-+-+-+   c: 0 one frame, 1 two equal, 2 two different, 3 count in the next byte
 * </pre>
 */
public final class OpusToc {
    private OpusToc() {}

    /** Samples per frame at 48 kHz by config. */
    private static final int[] FRAME_SAMPLES = new int[32];

    static {
        int[] silk = {480, 960, 1920, 2880};
        int[] hybrid = {480, 960};
        int[] celt = {120, 240, 480, 960};
        for (int c = 0; c < 32; c++) {
            FRAME_SAMPLES[c] = c < 12 ? silk[c & 3] : (c < 16 ? hybrid[c & 1] : celt[c & 3]);
        }
    }

    /**
     * @return samples at 48 kHz in the packet, or -1 when it is empty or malformed, or longer
     *     than the 120 ms the RFC allows
     */
    public static int samplesAt48k(byte[] payload, int offset, int length) {
        if (length < 1) {
            return -1;
        }
        int toc = payload[offset] & 0xFF;
        int perFrame = FRAME_SAMPLES[toc >> 3];
        int frames;
        switch (toc & 3) {
            case 0 -> frames = 1;
            case 1, 2 -> frames = 2;
            default -> {
                if (length < 2) {
                    return -1;
                }
                frames = payload[offset + 1] & 0x3F;
                if (frames == 0) {
                    return -1;
                }
            }
        }
        int total = frames * perFrame;
        return total > 5760 ? -1 : total;
    }
}
