package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.api.Tone;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.OpusSupport;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.testing.Peers;

/**
 * Opus legs in the IVR and in a meeting do not run their own encoder for prompts, tones and
 * silence: the media clock thread sends frames encoded once per codec and shared
 * ({@code EncodedPlaybackCache}). Two legs on loopback with Opus peers: silence, the same
 * prompt to both (both peers receive the very same prompt frames, and hear it), the entry tone
 * to a meeting; a prompt and a tone at once are still mixed and encoded by the leg. The legs'
 * libopus states, and their mix encoders in the meeting, are not made on the clock thread.
 */
class SharedPlaybackIT {
    private DefaultMediaBridge bridge;

    @AfterEach
    void close() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void promptsTonesAndSilenceAreSentFromOneSharedEncoding() throws Exception {
        if (Peers.underCi()) {
            assertThat(OpusSupport.problem()).isNull();
        }
        assumeTrue(OpusSupport.available(), () -> "libopus: " + OpusSupport.problem());
        BridgeConfig b = Bridges.config(Duration.ofSeconds(30));
        bridge = new DefaultMediaBridge(new BridgeConfig(b.bindAddress(), b.advertisedAddress(), b.rtpPortMin(),
                b.rtpPortMax(), b.mediaTimeout(), 1, List.of("OPUS", "PCMU"), b.jitterMinMs(), b.jitterMaxMs(),
                BridgeConfig.DEFAULT_OPUS_FEC_JITTER_MIN_MS), System::nanoTime, Bridges.tuning());
        try (CodecPeer pa = new CodecPeer(AudioCodec.OPUS, 0xA1); CodecPeer pb = new CodecPeer(AudioCodec.OPUS, 0xB2)) {
            long onClock = OpusSupport.statesCreatedOnClockThreads();
            RecordingListener la = new RecordingListener();
            RecordingListener lb = new RecordingListener();
            DefaultMediaLeg a = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("shared-a"), la);
            DefaultMediaLeg b2 = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("shared-b"), lb);
            String answerA = a.answer(pa.offer());
            String answerB = b2.answer(pb.offer());
            assertThat(a.codec()).isEqualTo(AudioCodec.OPUS);
            pa.start(pa.bridge(answerA), new double[] {440}, new double[] {0}, 0, 1);
            pb.start(pb.bridge(answerB), new double[] {440}, new double[] {0}, 0, 2);

            // 1. IVR, nothing to play: shared silence
            await().atMost(Duration.ofSeconds(5)).until(() -> pa.rtp.receivedCount() >= 10 && pb.rtp.receivedCount() >= 10);
            assertThat(OpusSupport.statesCreatedOnClockThreads() - onClock)
                    .as("the legs' libopus decoders and encoders were made when they answered").isZero();
            assertThat(a.ownEncodes()).as("silence outside a meeting, leg A's encoder").isZero();
            assertThat(b2.ownEncodes()).isZero();

            // 2. the same prompt to both legs: encoded once, here, on this thread
            long misses = bridge.encodedPlayback().misses();
            long hits = bridge.encodedPlayback().hits();
            pa.rtp.clearReceived();
            pb.rtp.clearReceived();
            a.play(List.of(Prompt.WELCOME));
            b2.play(List.of(Prompt.WELCOME));
            assertThat(bridge.encodedPlayback().misses()).as("one encoding").isEqualTo(misses + 1);
            assertThat(bridge.encodedPlayback().hits()).as("the second leg shares it").isEqualTo(hits + 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> la.playbackFinished.size() == 1
                    && lb.playbackFinished.size() == 1);
            Thread.sleep(100);
            assertThat(la.playbackFinished).containsExactly(true);
            assertThat(a.ownEncodes()).as("prompt frames on the clock thread, leg A's encoder").isZero();
            assertThat(b2.ownEncodes()).isZero();
            List<byte[]> fromA = notSilence(pa.rtp.receivedPayloads());
            List<byte[]> fromB = notSilence(pb.rtp.receivedPayloads());
            assertThat(fromA.size()).as("the prompt's frames").isGreaterThan(50);
            assertThat(fromA).as("both peers got the very same prompt frames").hasSameSizeAs(fromB);
            for (int i = 0; i < fromA.size(); i++) {
                assertThat(fromA.get(i)).as("frame %d", i).isEqualTo(fromB.get(i));
            }
            short[] heard = pa.decodeReceived();
            assertThat(rms(heard)).as("peer A hears the prompt").isGreaterThan(300);

            // 3. in a meeting: the entry tone to every member, shared too
            Conference conf = bridge.conference("shared", ConferenceOptions.defaults());
            a.join(conf, ParticipantRole.PARTICIPANT);
            b2.join(conf, ParticipantRole.PARTICIPANT);
            await().atMost(Duration.ofSeconds(5)).until(() -> conf.size() == 2);
            Thread.sleep(200);
            assertThat(OpusSupport.statesCreatedOnClockThreads() - onClock)
                    .as("members' mix encoders made by join(); on the clock thread only the meeting's Opus group encoder")
                    .isEqualTo(1);
            conf.playTone(Tone.ENTRY);
            Thread.sleep(600);
            assertThat(a.ownEncodes()).as("entry tone, leg A's encoder").isZero();
            assertThat(b2.ownEncodes()).isZero();

            // 4. a prompt and a tone at once are mixed: that leg encodes the sum itself
            a.play(List.of(Prompt.JOINING));
            a.playTone(Tone.BEEP);
            await().atMost(Duration.ofSeconds(10)).until(() -> la.playbackFinished.size() == 2);
            assertThat(la.playbackFinished).containsExactly(true, true);
            assertThat(a.ownEncodes()).as("the 120 ms beep over the prompt, mixed and encoded by the leg")
                    .isBetween(5L, 7L);
            assertThat(b2.ownEncodes()).isZero();
            pa.stop();
            pb.stop();
        }
    }

    /** The payloads other than the most frequent one (the shared silence frame), in order. */
    private static List<byte[]> notSilence(List<byte[]> payloads) {
        Map<String, Integer> counts = new HashMap<>();
        for (byte[] p : payloads) {
            counts.merge(Arrays.toString(p), 1, Integer::sum);
        }
        String silence = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<byte[]> out = new ArrayList<>();
        for (byte[] p : payloads) {
            if (!Arrays.toString(p).equals(silence)) {
                out.add(p);
            }
        }
        return out;
    }

    private static double rms(short[] x) {
        double acc = 0;
        for (short s : x) {
            acc += (double) s * s;
        }
        return Math.sqrt(acc / Math.max(1, x.length));
    }
}
