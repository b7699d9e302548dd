package org.voxgate.bridge.internal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

import com.sun.jna.ptr.PointerByReference;

import tomp2p.opuswrapper.Opus;

/**
 * Opus encoder (libopus, RFC 6716) at 48 kHz mono, VoIP application, configured from the
 * receiver's {@link OpusParameters}: average bitrate, in-band FEC (with a 10 % expected loss so
 * libopus actually spends bits on it), DTX and the audio bandwidth.
 *
 * <p>Stateful: one encoder per output stream (or per group of listeners that receive the very
 * same packets). PCM and payload pass through preallocated direct buffers; the JNA call itself
 * allocates a small argument array. Native state is freed by {@link #close()} or, failing that,
 * when the encoder becomes unreachable.
 */
public final class OpusEncoder implements AudioEncoder, AutoCloseable {
    public static final int SAMPLE_RATE_HZ = 48_000;
    /** Largest payload we produce per frame (RFC 6716 section 3.4: 1275 bytes per frame). */
    public static final int MAX_PACKET_BYTES = 1275;
    /** Loss the encoder plans FEC for. */
    static final int EXPECTED_LOSS_PERCENT = 10;

    private final PointerByReference state;
    private final java.lang.ref.Cleaner.Cleanable cleanable;
    private final ShortBuffer pcm = ByteBuffer.allocateDirect(5760 * 2).order(ByteOrder.nativeOrder()).asShortBuffer();
    private final ByteBuffer packet = ByteBuffer.allocateDirect(MAX_PACKET_BYTES);
    private final OpusParameters parameters;

    /**
     * @throws IllegalStateException when libopus is not available or refuses the settings
     */
    public OpusEncoder(OpusParameters parameters) {
        if (!OpusSupport.available()) {
            throw new IllegalStateException("Opus unavailable: " + OpusSupport.problem());
        }
        this.parameters = parameters;
        IntBuffer error = IntBuffer.allocate(1);
        PointerByReference s = Opus.INSTANCE.opus_encoder_create(SAMPLE_RATE_HZ, 1, Opus.OPUS_APPLICATION_VOIP, error);
        if (error.get(0) != Opus.OPUS_OK || s == null) {
            throw new IllegalStateException("opus_encoder_create failed: " + error.get(0));
        }
        this.state = s;
        this.cleanable = OpusSupport.CLEANER.register(this, new Destroy(s));
        OpusSupport.noteCreated();
        ctl(Opus.OPUS_SET_BITRATE_REQUEST, parameters.maxAverageBitrate());
        ctl(Opus.OPUS_SET_INBAND_FEC_REQUEST, parameters.useInbandFec() ? 1 : 0);
        ctl(Opus.OPUS_SET_PACKET_LOSS_PERC_REQUEST, parameters.useInbandFec() ? EXPECTED_LOSS_PERCENT : 0);
        ctl(Opus.OPUS_SET_DTX_REQUEST, parameters.useDtx() ? 1 : 0);
        ctl(Opus.OPUS_SET_MAX_BANDWIDTH_REQUEST, parameters.maxBandwidth());
    }

    private record Destroy(PointerByReference state) implements Runnable {
        @Override
        public void run() {
            Opus.INSTANCE.opus_encoder_destroy(state);
        }
    }

    private void ctl(int request, int value) {
        int r = Opus.INSTANCE.opus_encoder_ctl(state, request, value);
        if (r != Opus.OPUS_OK) {
            throw new IllegalStateException("opus_encoder_ctl(" + request + ", " + value + ") failed: " + r);
        }
    }

    public OpusParameters parameters() {
        return parameters;
    }

    @Override
    public int sampleRateHz() {
        return SAMPLE_RATE_HZ;
    }

    @Override
    public int encode(short[] in, int offset, int samples, byte[] out, int outOffset) {
        pcm.clear();
        pcm.put(in, offset, samples);
        pcm.clear();
        packet.clear();
        int n = Opus.INSTANCE.opus_encode(state, pcm, samples, packet, MAX_PACKET_BYTES);
        if (n < 0) {
            return n;
        }
        packet.get(0, out, outOffset, n);
        return n;
    }

    @Override
    public int maxPayloadBytes(int samples) {
        return MAX_PACKET_BYTES;
    }

    /**
     * Takes over {@code other}'s complete encoder state. libopus keeps an encoder in one
     * relocatable block of {@code opus_encoder_get_size} bytes (it is made to live in
     * caller-provided memory, {@code opus_encoder_init}), so a byte copy is a valid state.
     * Allocates a temporary array: called only when a listener starts talking.
     */
    public void copyFrom(OpusEncoder other) {
        int size = Opus.INSTANCE.opus_encoder_get_size(1);
        byte[] block = other.state.getPointer().getByteArray(0, size);
        state.getPointer().write(0, block, 0, size);
    }

    @Override
    public void reset() {
        Opus.INSTANCE.opus_encoder_ctl(state, 4028); // OPUS_RESET_STATE
    }

    @Override
    public void close() {
        cleanable.clean();
    }
}
