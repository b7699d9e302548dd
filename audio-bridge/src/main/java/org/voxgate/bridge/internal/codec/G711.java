package org.voxgate.bridge.internal.codec;

/**
 * ITU-T G.711 companding, table driven. Tables are computed once from the segment rules of
 * the recommendation: mu-law works on 14-bit uniform samples (the top 14 bits of a 16-bit
 * sample) with a bias of 33 and inverts every bit of the code; A-law works on 13-bit samples
 * and inverts the even bits (XOR 0x55), with the sign bit set for positive values.
 */
public enum G711 {
    /** mu-law, RTP static payload type 0 (RFC 3551 section 6). */
    PCMU(0),
    /** A-law, RTP static payload type 8 (RFC 3551 section 6). */
    PCMA(8);

    /** Both laws sample at 8 kHz (RFC 3551 table 4). */
    public static final int CLOCK_RATE_HZ = 8000;

    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];
    /** Indexed by (sample >> 2) + 8192. */
    private static final byte[] ULAW_ENCODE = new byte[1 << 14];
    /** Indexed by (sample >> 3) + 4096. */
    private static final byte[] ALAW_ENCODE = new byte[1 << 13];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_DECODE[code] = (short) ulawDecode(code);
            ALAW_DECODE[code] = (short) alawDecode(code);
        }
        for (int v = -8192; v < 8192; v++) {
            ULAW_ENCODE[v + 8192] = (byte) ulawEncode14(v);
        }
        for (int v = -4096; v < 4096; v++) {
            ALAW_ENCODE[v + 4096] = (byte) alawEncode13(v);
        }
    }

    private final int payloadType;

    G711(int payloadType) {
        this.payloadType = payloadType;
    }

    public int payloadType() {
        return payloadType;
    }

    public byte encode(short sample) {
        return this == PCMU ? ULAW_ENCODE[(sample >> 2) + 8192] : ALAW_ENCODE[(sample >> 3) + 4096];
    }

    public short decode(byte code) {
        return this == PCMU ? ULAW_DECODE[code & 0xFF] : ALAW_DECODE[code & 0xFF];
    }

    /** Encodes {@code length} samples; one byte per sample. */
    public void encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int length) {
        if (this == PCMU) {
            for (int i = 0; i < length; i++) {
                out[outOffset + i] = ULAW_ENCODE[(pcm[pcmOffset + i] >> 2) + 8192];
            }
        } else {
            for (int i = 0; i < length; i++) {
                out[outOffset + i] = ALAW_ENCODE[(pcm[pcmOffset + i] >> 3) + 4096];
            }
        }
    }

    /** Decodes {@code length} bytes into as many samples. */
    public void decode(byte[] in, int inOffset, short[] pcm, int pcmOffset, int length) {
        short[] table = this == PCMU ? ULAW_DECODE : ALAW_DECODE;
        for (int i = 0; i < length; i++) {
            pcm[pcmOffset + i] = table[in[inOffset + i] & 0xFF];
        }
    }

    /** The encoding name of RFC 3551 / the SDP rtpmap. */
    public String encodingName() {
        return name();
    }

    /** G.711 section 3 / table 2a, on a 14-bit sample -8192..8191. */
    private static int ulawEncode14(int v) {
        int mask;
        int magnitude;
        if (v < 0) {
            magnitude = -v;
            mask = 0x7F;
        } else {
            magnitude = v;
            mask = 0xFF;
        }
        magnitude = Math.min(magnitude + 33, 8191); // bias, then clip to the top of segment 7
        int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 5; // 0..7
        int mantissa = (magnitude >> (segment + 1)) & 0x0F;
        return ((segment << 4) | mantissa) ^ mask;
    }

    /** Decoded value in 16-bit scale (14-bit reconstruction level times 4). */
    private static int ulawDecode(int code) {
        int c = ~code & 0xFF;
        int segment = (c >> 4) & 0x07;
        int mantissa = c & 0x0F;
        int magnitude = (((mantissa << 3) + 0x84) << segment) - 0x84;
        return (c & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** G.711 section 2 / table 1a, on a 13-bit sample -4096..4095. */
    private static int alawEncode13(int v) {
        int mask;
        int magnitude;
        if (v >= 0) {
            mask = 0xD5; // sign bit set for positive, even bits inverted
            magnitude = v;
        } else {
            mask = 0x55;
            magnitude = -v - 1;
        }
        int code;
        if (magnitude < 32) {
            code = magnitude >> 1;
        } else {
            int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 4; // 1..7
            code = (segment << 4) | ((magnitude >> segment) & 0x0F);
        }
        return code ^ mask;
    }

    /** Decoded value in 16-bit scale (13-bit reconstruction level times 8). */
    private static int alawDecode(int code) {
        int c = (code ^ 0x55) & 0xFF;
        int segment = (c >> 4) & 0x07;
        int mantissa = c & 0x0F;
        int magnitude = segment == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (segment - 1);
        return (c & 0x80) != 0 ? magnitude : -magnitude;
    }

    /** The law for an RTP encoding name (case-insensitive), or null. */
    public static G711 forEncodingName(String name) {
        if ("PCMU".equalsIgnoreCase(name)) {
            return PCMU;
        }
        if ("PCMA".equalsIgnoreCase(name)) {
            return PCMA;
        }
        return null;
    }
}
