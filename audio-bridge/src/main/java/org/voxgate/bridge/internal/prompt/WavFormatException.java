package org.voxgate.bridge.internal.prompt;

import java.io.IOException;

/** A WAV file that is not RIFF/WAVE, 16-bit, mono PCM, or is cut short; names the byte offset. */
public final class WavFormatException extends IOException {
    private final long offset;

    public WavFormatException(String reason, long offset) {
        super(reason + " at byte " + offset);
        this.offset = offset;
    }

    /** Byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }
}
