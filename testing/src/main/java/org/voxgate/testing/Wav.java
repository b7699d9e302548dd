package org.voxgate.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes 16-bit mono PCM WAV files for tests (walks RIFF chunks; tolerant of extra ones). */
public final class Wav {

    /** Samples and their rate. */
    public record Audio(int rateHz, short[] samples) {}

    private Wav() {}

    public static Audio read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(file + ": not a RIFF/WAVE file");
        }
        int pos = 12;
        int rate = -1;
        int channels = -1;
        int bits = -1;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
            } else if (id == 0x61746164) { // "data"
                if (channels != 1 || bits != 16) {
                    throw new IOException(file + ": need 16-bit mono, have " + bits + "-bit " + channels + " channels");
                }
                long available = Math.min(size, b.limit() - body);
                short[] s = new short[(int) (available / 2)];
                for (int i = 0; i < s.length; i++) {
                    s[i] = b.getShort(body + 2 * i);
                }
                return new Audio(rate, s);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new IOException(file + ": no data chunk");
    }

    public static void write(Path file, int rateHz, short[] samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + samples.length * 2).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rateHz).putInt(rateHz * 2)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        Files.write(file, b.array());
    }
}
