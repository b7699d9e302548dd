package org.voxgate.bridge.internal.mix;

/**
 * Encodes one frame of mixed PCM at the mix rate into a codec payload, resampling first when
 * the codec's rate differs. Listeners whose encoders have equal {@link #sharingKey()} receive
 * one shared encoding per tick. Stateless codecs (G.711) share; stateful ones (G.722, Opus)
 * must return a key unique to the instance.
 */
public interface FrameEncoder {

    /**
     * @param pcm     samplesPerFrame samples at the mix rate
     * @param out     destination
     * @param offset  where to write in {@code out}
     * @return bytes written
     */
    int encode(short[] pcm, byte[] out, int offset);

    /** Largest payload {@link #encode} writes for one frame. */
    int maxPayloadBytes();

    /** Equal keys mean equal output for equal input. */
    Object sharingKey();
}
