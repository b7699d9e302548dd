package org.voxgate.bridge.internal.mix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Sharing with stateful encoders: one group encoder per key serves all non-talkers; a listener
 * that starts talking continues from the group encoder's state; a former talker returns to the
 * shared stream only on a silent mix.
 */
class StatefulSharingTest {
    private static final int N = 160;

    /** Counts frames encoded: its "state". Writes the count into the payload. */
    static final class CountingEncoder implements FrameEncoder {
        static final List<CountingEncoder> groupsMade = new ArrayList<>();
        int frames;
        int closed;

        @Override
        public int encode(short[] pcm, byte[] out, int offset) {
            frames++;
            out[offset] = (byte) frames;
            out[offset + 1] = (byte) (this.hashCode());
            return 2 * N;
        }

        @Override
        public int maxPayloadBytes() {
            return 2 * N;
        }

        @Override
        public Object sharingKey() {
            return "stateful";
        }

        @Override
        public boolean stateful() {
            return true;
        }

        @Override
        public FrameEncoder groupEncoder() {
            CountingEncoder g = new CountingEncoder();
            groupsMade.add(g);
            return g;
        }

        @Override
        public void continueFrom(FrameEncoder shared) {
            frames = ((CountingEncoder) shared).frames;
        }

        @Override
        public void close() {
            closed++;
        }
    }

    static final class P implements MixParticipant {
        final CountingEncoder encoder = new CountingEncoder();
        short amplitude;
        byte[] lastArray;
        int lastFrameNumber;

        @Override
        public boolean readFrame(short[] frame) {
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (amplitude * Math.sin(2 * Math.PI * 1004 * i / 8000.0));
            }
            return amplitude != 0;
        }

        @Override
        public FrameEncoder encoder() {
            return encoder;
        }

        @Override
        public boolean receiving() {
            return true;
        }

        @Override
        public void writeFrame(byte[] payload, int offset, int length) {
            lastArray = payload;
            lastFrameNumber = payload[offset];
        }
    }

    @Test
    void groupEncoderServesListenersAndHandsItsStateToANewTalker() {
        CountingEncoder.groupsMade.clear();
        Mixer mixer = new Mixer(8000, 20, 2);
        P a = new P();
        P b = new P();
        P c = new P();
        mixer.add(a);
        mixer.add(b);
        mixer.add(c);
        assertThat(CountingEncoder.groupsMade).hasSize(1);
        CountingEncoder group = CountingEncoder.groupsMade.get(0);
        for (int t = 0; t < 5; t++) {
            mixer.tick();
        }
        // Nobody talks: one shared encoding a tick, by the group encoder, no own encodes.
        assertThat(group.frames).isEqualTo(5);
        assertThat(a.encoder.frames + b.encoder.frames + c.encoder.frames).isZero();
        assertThat(a.lastArray).isSameAs(b.lastArray).isSameAs(c.lastArray);

        // A starts talking: its own stream continues from frame 5 of the shared one.
        a.amplitude = 8000;
        mixer.tick();
        assertThat(mixer.isTalking(a)).isTrue();
        assertThat(a.lastFrameNumber).isEqualTo(6);
        assertThat(b.lastFrameNumber).isEqualTo(6); // the group's sixth frame

        // B talks too; A stops. A stays on its own stream while B's voice is in the mix.
        b.amplitude = 8000;
        a.amplitude = 0;
        for (int t = 0; t < 200; t++) { // the level falls slowly (release 300 ms)
            mixer.tick();
        }
        assertThat(mixer.isTalking(a)).isFalse();
        assertThat(a.lastArray).isNotSameAs(c.lastArray);
        int ownFrames = a.encoder.frames;

        // Silence: A rejoins the shared stream.
        b.amplitude = 0;
        for (int t = 0; t < 200 && a.lastArray != c.lastArray; t++) {
            mixer.tick();
        }
        assertThat(a.lastArray).isSameAs(c.lastArray);
        assertThat(a.encoder.frames).isGreaterThan(ownFrames - 1);

        // Removing every member frees the group encoder.
        mixer.remove(a);
        mixer.remove(b);
        mixer.remove(c);
        assertThat(group.closed).isEqualTo(1);
    }
}
