package org.voxgate.bridge.internal.prompt;

import java.io.IOException;
import java.io.InputStream;

/**
 * Strict reader for the one WAV shape the bridge ships: RIFF/WAVE, {@code WAVE_FORMAT_PCM},
 * 16-bit little-endian, one channel. Anything else is a {@link WavFormatException}.
 *
 * <pre>
 *  offset  size  field
 *  0       4     "RIFF"
 *  4       4     riff size = file length - 8 (little-endian; a larger value is an error)
 *  8       4     "WAVE"
 *  12      ...   chunks: 4-byte id, 4-byte little-endian size, data, one pad byte if size is odd
 *                "fmt " (16, 18 or 40 bytes):
 *                  +0 format tag 1 (PCM)   +2 channels 1   +4 sample rate
 *                  +8 byte rate = rate*2   +12 block align 2   +14 bits per sample 16
 *                "data": samples, int16 LE; must follow "fmt "
 *                other chunks (LIST, fact, ...) are skipped
 * </pre>
 */
public final class WavReader {

    /** Longest file accepted: 16 MiB, far above any prompt. */
    public static final int MAX_BYTES = 16 << 20;

    /** Decoded content. */
    public record Wav(int sampleRateHz, short[] samples) {}

    private WavReader() {}

    /** Reads and parses a whole stream (closing is the caller's job). */
    public static Wav read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new WavFormatException("file longer than " + MAX_BYTES + " bytes", MAX_BYTES);
        }
        return parse(bytes);
    }

    /**
     * @throws WavFormatException on any deviation from 16-bit mono PCM RIFF/WAVE
     */
    public static Wav parse(byte[] b) throws WavFormatException {
        if (b.length < 12) {
            throw new WavFormatException("shorter than a RIFF header", b.length);
        }
        if (!fourCc(b, 0, "RIFF")) {
            throw new WavFormatException("not a RIFF file", 0);
        }
        long riffSize = u32(b, 4);
        if (riffSize + 8 > b.length) {
            throw new WavFormatException("RIFF size " + riffSize + " exceeds the file", 4);
        }
        if (!fourCc(b, 8, "WAVE")) {
            throw new WavFormatException("RIFF form is not WAVE", 8);
        }
        int end = (int) (riffSize + 8);
        int pos = 12;
        int sampleRateHz = -1;
        while (pos + 8 <= end) {
            long size = u32(b, pos + 4);
            int body = pos + 8;
            if (size > end - body) {
                throw new WavFormatException("chunk size " + size + " exceeds the file", pos + 4);
            }
            if (fourCc(b, pos, "fmt ")) {
                if (sampleRateHz > 0) {
                    throw new WavFormatException("second fmt chunk", pos);
                }
                sampleRateHz = parseFormat(b, body, (int) size);
            } else if (fourCc(b, pos, "data")) {
                if (sampleRateHz < 0) {
                    throw new WavFormatException("data chunk before fmt chunk", pos);
                }
                if ((size & 1) != 0) {
                    throw new WavFormatException("data size " + size + " is not a whole number of 16-bit samples", pos + 4);
                }
                short[] samples = new short[(int) (size / 2)];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = (short) ((b[body + 2 * i] & 0xff) | (b[body + 2 * i + 1] << 8));
                }
                return new Wav(sampleRateHz, samples);
            }
            long next = body + size + (size & 1);
            pos = (int) Math.min(next, end);
        }
        throw new WavFormatException(sampleRateHz < 0 ? "no fmt chunk" : "no data chunk", pos);
    }

    private static int parseFormat(byte[] b, int body, int size) throws WavFormatException {
        if (size != 16 && size != 18 && size != 40) {
            throw new WavFormatException("fmt chunk size " + size + " (expected 16, 18 or 40)", body - 4);
        }
        int tag = u16(b, body);
        if (tag != 1) {
            throw new WavFormatException("format tag " + tag + " is not PCM (1)", body);
        }
        int channels = u16(b, body + 2);
        if (channels != 1) {
            throw new WavFormatException(channels + " channels (expected mono)", body + 2);
        }
        long rate = u32(b, body + 4);
        if (rate < 1000 || rate > 192000) {
            throw new WavFormatException("sample rate " + rate + " Hz out of range", body + 4);
        }
        int bits = u16(b, body + 14);
        if (bits != 16) {
            throw new WavFormatException(bits + " bits per sample (expected 16)", body + 14);
        }
        if (u16(b, body + 12) != 2) {
            throw new WavFormatException("block align " + u16(b, body + 12) + " (expected 2)", body + 12);
        }
        if (u32(b, body + 8) != rate * 2) {
            throw new WavFormatException("byte rate " + u32(b, body + 8) + " (expected " + rate * 2 + ")", body + 8);
        }
        return (int) rate;
    }

    private static boolean fourCc(byte[] b, int at, String id) {
        for (int i = 0; i < 4; i++) {
            if (b[at + i] != id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
