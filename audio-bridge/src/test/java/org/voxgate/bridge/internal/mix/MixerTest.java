package org.voxgate.bridge.internal.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MixerTest {

    private static final int RATE = 8000;
    private static final int PTIME = 20;
    private static final int N = 160;

    /** Writes each sample as two big-endian bytes, so a test can read the exact PCM back. */
    static final class LinearEncoder implements FrameEncoder {
        final Object key;
        int encodes;

        LinearEncoder(Object key) {
            this.key = key;
        }

        @Override
        public int encode(short[] pcm, byte[] out, int offset) {
            encodes++;
            for (int i = 0; i < pcm.length; i++) {
                out[offset + 2 * i] = (byte) (pcm[i] >> 8);
                out[offset + 2 * i + 1] = (byte) pcm[i];
            }
            return pcm.length * 2;
        }

        @Override
        public int maxPayloadBytes() {
            return N * 2;
        }

        @Override
        public Object sharingKey() {
            return key;
        }
    }

    /** A participant whose next frames the test sets; it keeps a copy of what it heard. */
    static final class Peer implements MixParticipant {
        final FrameEncoder encoder;
        final short[] next = new short[N];
        final short[] heard = new short[N];
        boolean sending = true;
        boolean receiving = true;
        int writes;
        byte[] lastPayloadArray;

        Peer(FrameEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        public boolean readFrame(short[] frame) {
            if (!sending) {
                return false;
            }
            System.arraycopy(next, 0, frame, 0, N);
            return true;
        }

        @Override
        public FrameEncoder encoder() {
            return encoder;
        }

        @Override
        public boolean receiving() {
            return receiving;
        }

        @Override
        public void writeFrame(byte[] payload, int offset, int length) {
            writes++;
            lastPayloadArray = payload;
            if (length != 2 * N) {
                throw new AssertionError("payload length " + length);
            }
            for (int i = 0; i < N; i++) {
                heard[i] = (short) ((payload[offset + 2 * i] << 8) | (payload[offset + 2 * i + 1] & 0xff));
            }
        }

        void tone(double amplitude, double freqHz, Random noise) {
            for (int i = 0; i < N; i++) {
                double v = amplitude * Math.sin(2 * Math.PI * freqHz * i / RATE);
                if (noise != null) {
                    v += noise.nextGaussian() * amplitude * 0.05;
                }
                next[i] = (short) Math.round(v);
            }
        }

        void silence() {
            java.util.Arrays.fill(next, (short) 0);
        }
    }

    private final LinearEncoder shared = new LinearEncoder("pcm");

    private Peer peer() {
        return new Peer(shared);
    }

    @Test
    void mixMinusIsExactToTheSample() {
        Mixer mixer = new Mixer(RATE, PTIME, 3);
        Random random = new Random(1);
        List<Peer> talkers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Peer p = peer();
            talkers.add(p);
            mixer.add(p);
        }
        Peer listener = peer();
        listener.silence();
        mixer.add(listener);
        for (int tick = 0; tick < 5; tick++) {
            for (Peer p : talkers) {
                for (int i = 0; i < N; i++) {
                    p.next[i] = (short) (random.nextInt(16000) - 8000);
                }
            }
            mixer.tick();
            for (Peer p : talkers) {
                assertThat(mixer.isTalking(p)).isTrue();
            }
            for (int i = 0; i < N; i++) {
                int all = talkers.get(0).next[i] + talkers.get(1).next[i] + talkers.get(2).next[i];
                assertThat(listener.heard[i]).isEqualTo((short) all);
                for (Peer p : talkers) {
                    assertThat(p.heard[i]).as("talker hears the others only").isEqualTo((short) (all - p.next[i]));
                }
            }
        }
    }

    @Test
    void picksTheLoudestTalkersAndIgnoresNoise() {
        Mixer mixer = new Mixer(RATE, PTIME, 3);
        double[] amplitudes = {4000, 1000, 8000, 2000, 20};
        Peer[] peers = new Peer[amplitudes.length];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = peer();
            peers[i].tone(amplitudes[i], 300 + 100 * i, null);
            mixer.add(peers[i]);
        }
        for (int tick = 0; tick < 20; tick++) {
            mixer.tick();
        }
        assertThat(mixer.isTalking(peers[2])).isTrue();
        assertThat(mixer.isTalking(peers[0])).isTrue();
        assertThat(mixer.isTalking(peers[3])).isTrue();
        assertThat(mixer.isTalking(peers[1])).isFalse();
        assertThat(mixer.isTalking(peers[4])).isFalse();
        assertThat(mixer.talkerCount()).isEqualTo(3);
        for (int i = 0; i < N; i++) {
            int all = peers[0].next[i] + peers[2].next[i] + peers[3].next[i];
            assertThat(peers[1].heard[i]).isEqualTo((short) all);
            assertThat(peers[4].heard[i]).isEqualTo((short) all);
        }

        Mixer quiet = new Mixer(RATE, PTIME, 3);
        Peer noise = peer();
        Random random = new Random(2);
        quiet.add(noise);
        for (int tick = 0; tick < 50; tick++) {
            for (int i = 0; i < N; i++) {
                noise.next[i] = (short) Math.round(random.nextGaussian() * 30); // about -60 dBFS
            }
            quiet.tick();
            assertThat(quiet.isTalking(noise)).isFalse();
        }
    }

    @Test
    void nearEqualTalkersDoNotFlap() {
        Mixer mixer = new Mixer(RATE, PTIME, 1);
        Peer a = peer();
        Peer b = peer();
        mixer.add(a);
        mixer.add(b);
        Random random = new Random(3);
        int changes = 0;
        Boolean aTalking = null;
        for (int tick = 0; tick < 500; tick++) {
            // Both around -20 dBFS, each tick's level jittering by +-2 dB independently.
            a.tone(3300 * Math.pow(10, (random.nextDouble() * 4 - 2) / 20), 440, random);
            b.tone(3300 * Math.pow(10, (random.nextDouble() * 4 - 2) / 20), 550, random);
            mixer.tick();
            assertThat(mixer.isTalking(a) ^ mixer.isTalking(b)).isTrue();
            if (aTalking != null && aTalking != mixer.isTalking(a)) {
                changes++;
            }
            aTalking = mixer.isTalking(a);
        }
        assertThat(changes).isZero();

        // A challenger clearly louder takes over, but only after holding its margin.
        Peer loser = aTalking ? a : b;
        Peer winner = aTalking ? b : a;
        winner.tone(20000, 700, null);
        int holdTicks = Mixer.SWAP_HOLD_MS / PTIME;
        for (int tick = 1; tick < holdTicks; tick++) {
            mixer.tick();
            assertThat(mixer.isTalking(loser)).as("tick %d", tick).isTrue();
        }
        mixer.tick();
        assertThat(mixer.isTalking(winner)).isTrue();
        assertThat(mixer.isTalking(loser)).isFalse();
    }

    @Test
    void silentTalkerFreesItsSlotForAnother() {
        Mixer mixer = new Mixer(RATE, PTIME, 1);
        Peer a = peer();
        Peer b = peer();
        mixer.add(a);
        mixer.add(b);
        a.tone(8000, 440, null);
        b.tone(2000, 550, null);
        for (int tick = 0; tick < 10; tick++) {
            mixer.tick();
        }
        assertThat(mixer.isTalking(a)).isTrue();
        a.sending = false; // muted: contributes nothing, its level decays
        int ticks = 0;
        while (!mixer.isTalking(b) && ticks < 200) {
            mixer.tick();
            ticks++;
            for (int i = 0; i < N; i++) {
                assertThat(b.heard[i]).as("muted talker is not heard").isZero();
            }
        }
        assertThat(mixer.isTalking(b)).isTrue();
        assertThat(ticks * PTIME).isLessThan(2000);
    }

    @Test
    void encodesOncePerSharingKeyAndOncePerTalker() {
        Mixer mixer = new Mixer(RATE, PTIME, 3);
        LinearEncoder other = new LinearEncoder(new String("pcm-b"));
        List<Peer> listeners = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Peer p = peer();
            p.silence();
            listeners.add(p);
            mixer.add(p);
        }
        // Equal keys that are different objects share too.
        Peer otherA = new Peer(other);
        Peer otherB = new Peer(new LinearEncoder(new String("pcm-b")));
        otherA.silence();
        otherB.silence();
        mixer.add(otherA);
        mixer.add(otherB);
        Peer t1 = new Peer(new LinearEncoder(new Object()));
        Peer t2 = new Peer(new LinearEncoder(new Object()));
        t1.tone(5000, 400, null);
        t2.tone(5000, 600, null);
        mixer.add(t1);
        mixer.add(t2);
        Peer away = peer();
        away.receiving = false;
        mixer.add(away);
        assertThat(mixer.size()).isEqualTo(15);

        for (int tick = 0; tick < 4; tick++) {
            mixer.tick();
        }
        assertThat(shared.encodes).isEqualTo(4);
        assertThat(other.encodes + ((LinearEncoder) otherB.encoder).encodes).isEqualTo(4);
        assertThat(((LinearEncoder) t1.encoder).encodes).isEqualTo(4);
        assertThat(((LinearEncoder) t2.encoder).encodes).isEqualTo(4);
        byte[] sharedBytes = listeners.get(0).lastPayloadArray;
        for (Peer p : listeners) {
            assertThat(p.writes).isEqualTo(4);
            assertThat(p.lastPayloadArray).isSameAs(sharedBytes);
        }
        assertThat(otherA.lastPayloadArray).isSameAs(otherB.lastPayloadArray).isNotSameAs(sharedBytes);
        assertThat(away.writes).isZero();

        // A group whose members all stopped receiving is not encoded at all.
        for (Peer p : listeners) {
            p.receiving = false;
        }
        away.receiving = false;
        mixer.tick();
        assertThat(shared.encodes).isEqualTo(4);
    }

    @Test
    void saturatesOnlyTheFinalSum() {
        Mixer mixer = new Mixer(RATE, PTIME, 3);
        Peer a = peer();
        Peer b = peer();
        Peer c = peer();
        Peer listener = peer();
        listener.silence();
        java.util.Arrays.fill(a.next, (short) 30000);
        java.util.Arrays.fill(b.next, (short) 30000);
        java.util.Arrays.fill(c.next, (short) -30000);
        mixer.add(a);
        mixer.add(b);
        mixer.add(c);
        mixer.add(listener);
        mixer.tick();
        for (int i = 0; i < N; i++) {
            assertThat(listener.heard[i]).isEqualTo((short) 30000); // 30000+30000-30000, no early clip
            assertThat(a.heard[i]).isEqualTo((short) 0);
            assertThat(c.heard[i]).isEqualTo(Short.MAX_VALUE); // 60000 clipped
        }
        java.util.Arrays.fill(a.next, (short) -30000);
        java.util.Arrays.fill(b.next, (short) -30000);
        mixer.tick();
        for (int i = 0; i < N; i++) {
            assertThat(listener.heard[i]).isEqualTo(Short.MIN_VALUE);
            assertThat(a.heard[i]).isEqualTo(Short.MIN_VALUE);
        }
    }

    @Test
    void participantsJoinAndLeaveBetweenTicks() {
        Mixer mixer = new Mixer(16000, 10, 2);
        assertThat(mixer.samplesPerFrame()).isEqualTo(160);
        Peer a = peer();
        Peer b = peer();
        Peer c = peer();
        a.tone(6000, 300, null);
        b.tone(5000, 500, null);
        c.tone(4000, 700, null);
        mixer.add(a);
        mixer.add(b);
        mixer.tick();
        assertThat(mixer.isTalking(a)).isTrue();
        assertThat(mixer.isTalking(b)).isTrue();
        assertThatThrownBy(() -> mixer.add(a)).isInstanceOf(IllegalArgumentException.class);

        mixer.add(c);
        mixer.tick();
        assertThat(mixer.isTalking(c)).isFalse();
        for (int i = 0; i < N; i++) {
            assertThat(c.heard[i]).isEqualTo((short) (a.next[i] + b.next[i]));
        }

        assertThat(mixer.remove(a)).isTrue();
        assertThat(mixer.remove(a)).isFalse();
        assertThat(mixer.size()).isEqualTo(2);
        int writesBefore = a.writes;
        mixer.tick();
        assertThat(a.writes).isEqualTo(writesBefore);
        assertThat(mixer.isTalking(a)).isFalse();
        assertThat(mixer.isTalking(c)).as("freed slot goes to the next loudest").isTrue();
        for (int i = 0; i < N; i++) {
            assertThat(b.heard[i]).isEqualTo(c.next[i]);
            assertThat(c.heard[i]).isEqualTo(b.next[i]);
        }
        mixer.remove(b);
        mixer.remove(c);
        assertThat(mixer.size()).isZero();
        mixer.tick();
        mixer.add(a);
        mixer.tick();
        assertThat(mixer.isTalking(a)).isTrue();
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> new Mixer(44100, 20, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mixer(8000, 5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mixer(8000, 20, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Mixer(48000, 20).samplesPerFrame()).isEqualTo(960);
    }

    @Test
    void tickAllocatesNothing() {
        Mixer mixer = new Mixer(RATE, PTIME, 3);
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Peer p = peer();
            p.tone(i < 5 ? 3000 + 500 * i : 10, 200 + 20 * i, null);
            peers.add(p);
            mixer.add(p);
        }
        for (int tick = 0; tick < 2000; tick++) {
            mixer.tick(); // warm up
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int tick = 0; tick < 2000; tick++) {
            mixer.tick();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).as("bytes allocated by 2000 ticks").isLessThan(1024);
    }
}
