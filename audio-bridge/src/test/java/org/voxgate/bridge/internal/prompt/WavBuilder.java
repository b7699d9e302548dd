package org.voxgate.bridge.internal.prompt;

import java.io.ByteArrayOutputStream;

/** Writes test WAV files, including wrong ones. */
final class WavBuilder {
    int formatTag = 1;
    int channels = 1;
    int rateHz = 16000;
    int bits = 16;
    int blockAlign = 2;
    int byteRate = -1; // -1: rate * blockAlign
    int fmtSize = 16;
    byte[] extraChunkBeforeData;
    String extraChunkId = "LIST";
    boolean dataBeforeFmt;
    byte[] data = new byte[0];
    int riffSizeDelta;

    WavBuilder samples(short... pcm) {
        data = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            data[2 * i] = (byte) pcm[i];
            data[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        ByteArrayOutputStream fmt = new ByteArrayOutputStream();
        le16(fmt, formatTag);
        le16(fmt, channels);
        le32(fmt, rateHz);
        le32(fmt, byteRate >= 0 ? byteRate : rateHz * blockAlign);
        le16(fmt, blockAlign);
        le16(fmt, bits);
        if (dataBeforeFmt) {
            chunk(chunks, "data", data);
            chunk(chunks, "fmt ", java.util.Arrays.copyOf(fmt.toByteArray(), fmtSize));
        } else {
            chunk(chunks, "fmt ", java.util.Arrays.copyOf(fmt.toByteArray(), fmtSize));
            if (extraChunkBeforeData != null) {
                chunk(chunks, extraChunkId, extraChunkBeforeData);
            }
            chunk(chunks, "data", data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        le32(out, 4 + chunks.size() + riffSizeDelta);
        out.writeBytes("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(chunks.toByteArray());
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] body) {
        out.writeBytes(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        le32(out, body.length);
        out.writeBytes(body);
        if ((body.length & 1) != 0) {
            out.write(0);
        }
    }

    static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >> 8) & 0xff);
    }

    static void le32(ByteArrayOutputStream out, long v) {
        le16(out, (int) (v & 0xffff));
        le16(out, (int) ((v >> 16) & 0xffff));
    }
}
