package org.voxgate.bridge.internal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.ptr.ShortByReference;

import tomp2p.opuswrapper.Opus;

/**
 * Opus decoder (libopus) for one received stream, 48 kHz mono output. A lost packet is
 * recovered from the in-band FEC of the packet after it when the jitter buffer has that packet
 * ({@link #recover}, libopus {@code decode_fec=1}); otherwise libopus' own concealment fills it
 * ({@link #conceal}, a decode without data).
 *
 * <p>Payload and PCM pass through preallocated direct buffers. Native state is freed by
 * {@link #close()} or when the decoder becomes unreachable.
 */
public final class OpusDecoder implements AudioDecoder, AutoCloseable {
    private static final int MAX_SAMPLES = 5760; // 120 ms at 48 kHz

    private final PointerByReference state;
    private final java.lang.ref.Cleaner.Cleanable cleanable;
    private final ByteBuffer data = ByteBuffer.allocateDirect(1500);
    private final Pointer dataPointer = Native.getDirectBufferPointer(data);
    private final ByteBuffer pcmBytes = ByteBuffer.allocateDirect(MAX_SAMPLES * 2).order(ByteOrder.nativeOrder());
    private final ShortBuffer pcm = pcmBytes.asShortBuffer();
    private final ShortByReference pcmRef = new ShortByReference();
    private long recovered;
    private long concealed;

    /** @throws IllegalStateException when libopus is not available */
    public OpusDecoder() {
        if (!OpusSupport.available()) {
            throw new IllegalStateException("Opus unavailable: " + OpusSupport.problem());
        }
        IntBuffer error = IntBuffer.allocate(1);
        PointerByReference s = Opus.INSTANCE.opus_decoder_create(OpusEncoder.SAMPLE_RATE_HZ, 1, error);
        if (error.get(0) != Opus.OPUS_OK || s == null) {
            throw new IllegalStateException("opus_decoder_create failed: " + error.get(0));
        }
        this.state = s;
        this.cleanable = OpusSupport.CLEANER.register(this, new Destroy(s));
        OpusSupport.noteCreated();
        pcmRef.setPointer(Native.getDirectBufferPointer(pcmBytes));
    }

    private record Destroy(PointerByReference state) implements Runnable {
        @Override
        public void run() {
            Opus.INSTANCE.opus_decoder_destroy(state);
        }
    }

    @Override
    public int sampleRateHz() {
        return OpusEncoder.SAMPLE_RATE_HZ;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
        if (length > data.capacity()) {
            return -1;
        }
        data.put(0, payload, offset, length);
        int n = Opus.INSTANCE.opus_decode(state, dataPointer, length, pcmRef, MAX_SAMPLES, 0);
        if (n > 0) {
            pcm.get(0, out, outOffset, n);
        }
        return n;
    }

    @Override
    public int samplesIn(byte[] payload, int offset, int length) {
        return OpusToc.samplesAt48k(payload, offset, length);
    }

    @Override
    public void conceal(short[] out, int offset, int samples) {
        int n = Opus.INSTANCE.opus_decode(state, null, 0, pcmRef, Math.min(samples, MAX_SAMPLES), 0);
        int got = Math.max(0, n);
        if (got > 0) {
            pcm.get(0, out, offset, got);
        }
        java.util.Arrays.fill(out, offset + got, offset + samples, (short) 0);
        concealed++;
    }

    @Override
    public int recover(byte[] next, int offset, int length, short[] out, int outOffset, int samples) {
        if (length > data.capacity() || samples > MAX_SAMPLES || samples % 120 != 0) {
            return -1;
        }
        data.put(0, next, offset, length);
        int n = Opus.INSTANCE.opus_decode(state, dataPointer, length, pcmRef, samples, 1);
        if (n <= 0) {
            return -1;
        }
        pcm.get(0, out, outOffset, n);
        recovered++;
        return n;
    }

    /** Lost packets rebuilt from FEC so far. */
    public long recovered() {
        return recovered;
    }

    /** Lost packets concealed by libopus' PLC so far. */
    public long concealed() {
        return concealed;
    }

    @Override
    public void reset() {
        Opus.INSTANCE.opus_decoder_ctl(state, 4028); // OPUS_RESET_STATE
    }

    @Override
    public void close() {
        cleanable.clean();
    }
}
