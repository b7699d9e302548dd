package org.voxgate.bridge.internal.mix;

/**
 * Encodes one frame of mixed PCM at the mix rate into a codec payload, resampling first when
 * the codec's rate differs. Listeners whose encoders have equal {@link #sharingKey()} receive
 * one shared encoding per tick.
 *
 * <p>Sharing and state: the mixer encodes a group's shared frame with the group's own encoder,
 * {@link #groupEncoder()}, made once when the group forms and fed the full mix on every tick the
 * group has a listener. A stateless encoder (G.711 at the codec's rate) returns itself; a
 * stateful one (G.722, Opus, or any resampling encoder) returns a new instance, so the shared
 * stream has one continuous encoder state whoever listens. A listener's own encoder encodes
 * only its mix-minus while it talks; when it starts talking the mixer first calls
 * {@link #continueFrom} so its own stream carries on from the shared one.
 */
public interface FrameEncoder {

    /**
     * @param pcm     samplesPerFrame samples at the mix rate
     * @param out     destination
     * @param offset  where to write in {@code out}
     * @return bytes written; 0 or less sends nothing this tick
     */
    int encode(short[] pcm, byte[] out, int offset);

    /** Largest payload {@link #encode} writes for one frame. */
    int maxPayloadBytes();

    /** Equal keys mean equal output for equal input (from equal state). */
    Object sharingKey();

    /** The encoder of a new sharing group for this key (this one when stateless). */
    default FrameEncoder groupEncoder() {
        return this;
    }

    /** Takes over the state of {@code shared}, the group encoder this listener heard until now. */
    default void continueFrom(FrameEncoder shared) {}

    /**
     * Whether output depends on earlier frames. A listener whose stateful stream came from its
     * own encoder (it talked) returns to the shared stream only on a silent mix, where the
     * switch of encoder state cannot be heard.
     */
    default boolean stateful() {
        return false;
    }

    /** Frees what the encoder holds (native codec state); it is not used afterwards. */
    default void close() {}
}
