package org.voxgate.lab.load;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.ptr.ShortByReference;

import club.minnced.opus.util.OpusLibrary;
import tomp2p.opuswrapper.Opus;

/**
 * The lab's own use of libopus (RFC 6716) through opus-java's JNA binding: a 48 kHz mono
 * encoder for the generator's pre-encoded frames and a decoder per received leg. Kept apart from
 * the node's Opus classes (bridge internals), so the lab measures the node with its own
 * configuration. Not thread-safe: one thread per encoder or decoder, and {@code close()} only
 * once that thread stopped using it (libopus frees the state).
 */
final class LabOpus {
    static final int SAMPLE_RATE_HZ = 48_000;
    /** 20 ms at 48 kHz. */
    static final int FRAME_SAMPLES = 960;
    /** RFC 6716 section 3.4: at most 1275 bytes per frame. */
    static final int MAX_PACKET_BYTES = 1275;
    /** 120 ms, the longest Opus packet, at 48 kHz. */
    private static final int MAX_DECODED_SAMPLES = 5760;
    private static final int OPUS_RESET_STATE = 4028;

    private static final String PROBLEM = load();

    private LabOpus() {}

    private static String load() {
        try {
            if (!OpusLibrary.isInitialized() && !OpusLibrary.loadFromJar()) {
                return "opus-java has no libopus for " + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch");
            }
            Opus.INSTANCE.opus_decoder_get_size(1);
            return null;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, IOException
            return "libopus did not load: " + e;
        }
    }

    /** Why Opus cannot be used here, or null when it can. */
    static String problem() {
        return PROBLEM;
    }

    private static void requireLibrary() {
        if (PROBLEM != null) {
            throw new IllegalStateException("Opus unavailable: " + PROBLEM);
        }
    }

    /** 48 kHz mono, VoIP application, 20 ms frames. */
    static final class Encoder implements AutoCloseable {
        private final PointerByReference state;
        private final ShortBuffer pcm = ByteBuffer.allocateDirect(FRAME_SAMPLES * 2).order(ByteOrder.nativeOrder())
                .asShortBuffer();
        private final ByteBuffer packet = ByteBuffer.allocateDirect(MAX_PACKET_BYTES);
        private boolean closed;

        /**
         * @param bitrate  average bits per second (libopus OPUS_SET_BITRATE)
         * @param fecLossPercent 0: no in-band FEC; else FEC on, planned for this loss
         * @throws IllegalStateException when libopus is missing or refuses the settings
         */
        Encoder(int bitrate, int fecLossPercent) {
            requireLibrary();
            IntBuffer error = IntBuffer.allocate(1);
            state = Opus.INSTANCE.opus_encoder_create(SAMPLE_RATE_HZ, 1, Opus.OPUS_APPLICATION_VOIP, error);
            if (state == null || error.get(0) != Opus.OPUS_OK) {
                throw new IllegalStateException("opus_encoder_create: " + error.get(0));
            }
            ctl(Opus.OPUS_SET_BITRATE_REQUEST, bitrate);
            ctl(Opus.OPUS_SET_INBAND_FEC_REQUEST, fecLossPercent > 0 ? 1 : 0);
            ctl(Opus.OPUS_SET_PACKET_LOSS_PERC_REQUEST, fecLossPercent);
        }

        private void ctl(int request, int value) {
            int r = Opus.INSTANCE.opus_encoder_ctl(state, request, value);
            if (r != Opus.OPUS_OK) {
                close();
                throw new IllegalStateException("opus_encoder_ctl(" + request + ", " + value + "): " + r);
            }
        }

        /**
         * Encodes one 20 ms frame.
         *
         * @param frame {@link #FRAME_SAMPLES} samples
         * @return the packet
         * @throws IllegalStateException when libopus returns an error
         */
        byte[] encode(short[] frame) {
            if (frame.length != FRAME_SAMPLES) {
                throw new IllegalArgumentException("a frame is " + FRAME_SAMPLES + " samples, was " + frame.length);
            }
            pcm.clear();
            pcm.put(frame).flip();
            packet.clear();
            int n = Opus.INSTANCE.opus_encode(state, pcm, FRAME_SAMPLES, packet, MAX_PACKET_BYTES);
            if (n < 0) {
                throw new IllegalStateException("opus_encode: " + n);
            }
            byte[] out = new byte[n];
            packet.get(0, out, 0, n);
            return out;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                Opus.INSTANCE.opus_encoder_destroy(state);
            }
        }
    }

    /** 48 kHz mono output; buffers preallocated, nothing allocated per packet but JNA's own call frame. */
    static final class Decoder implements AutoCloseable {
        private final PointerByReference state;
        private final ByteBuffer data = ByteBuffer.allocateDirect(1500);
        private final Pointer dataPointer = Native.getDirectBufferPointer(data);
        private final ByteBuffer pcmBytes = ByteBuffer.allocateDirect(MAX_DECODED_SAMPLES * 2)
                .order(ByteOrder.nativeOrder());
        private final ShortBuffer pcm = pcmBytes.asShortBuffer();
        private final ShortByReference pcmRef = new ShortByReference();
        private boolean closed;

        /** @throws IllegalStateException when libopus is missing */
        Decoder() {
            requireLibrary();
            IntBuffer error = IntBuffer.allocate(1);
            state = Opus.INSTANCE.opus_decoder_create(SAMPLE_RATE_HZ, 1, error);
            if (state == null || error.get(0) != Opus.OPUS_OK) {
                throw new IllegalStateException("opus_decoder_create: " + error.get(0));
            }
            pcmRef.setPointer(Native.getDirectBufferPointer(pcmBytes));
        }

        /**
         * Decodes one packet into {@code out} (from index 0, at most {@code out.length} samples).
         *
         * @return samples decoded, or a negative libopus error (also -1 for a packet over 1500
         *         bytes or a closed decoder)
         */
        int decode(byte[] payload, int offset, int length, short[] out) {
            if (closed || length > data.capacity()) {
                return -1;
            }
            data.put(0, payload, offset, length);
            int n = Opus.INSTANCE.opus_decode(state, dataPointer, length, pcmRef,
                    Math.min(out.length, MAX_DECODED_SAMPLES), 0);
            if (n > 0) {
                pcm.get(0, out, 0, n);
            }
            return n;
        }

        void reset() {
            if (!closed) {
                Opus.INSTANCE.opus_decoder_ctl(state, OPUS_RESET_STATE);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                Opus.INSTANCE.opus_decoder_destroy(state);
            }
        }
    }
}
