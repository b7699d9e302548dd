package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The generator's frames per codec, through the receive side's decoder and Goertzel check: the
 * talkers' tone is found, silence and another tone are not. Opus goes through libopus both ways.
 */
class RtpToneSourceTest {
    private static final long FRAME_NANOS = 20_000_000L;

    private static LegReceiveStats.Result receive(LoadCodec codec, int pt, LabOpus.Decoder decoder, byte[][] frames,
                                                  int packets) {
        LegReceiveStats s = new LegReceiveStats();
        s.answer(codec, pt, decoder);
        for (int i = 0; i < packets; i++) {
            byte[] p = frames[i % frames.length];
            s.onPacket(1000 + i, 5000L + (long) codec.samplesPerFrame() * i, 42, pt, p, 0, p.length, i * FRAME_NANOS);
        }
        return s.snapshot();
    }

    private static byte[][] loop(RtpToneSource src, boolean tone) {
        byte[][] f = new byte[src.loopFrames()][];
        for (int i = 0; i < f.length; i++) {
            f[i] = tone ? src.tone(i) : src.silence(i);
        }
        return f;
    }

    @Test
    void opusToneSurvivesTheRoundTripAndSilenceDoesNotLookLikeIt() {
        RtpToneSource src = RtpToneSource.of(LoadCodec.OPUS);
        assertThat(src.loopFrames()).isEqualTo(RtpToneSource.OPUS_LOOP_FRAMES);
        assertThat(src.tone(0).length).isBetween(20, 200); // about 80 bytes at 32 kb/s
        assertThat(src.silence(3).length).isLessThan(src.tone(3).length);
        assertThat(src.tone(RtpToneSource.OPUS_LOOP_FRAMES + 7)).isSameAs(src.tone(7)); // looped, not re-encoded

        int packets = 3 * RtpToneSource.OPUS_LOOP_FRAMES; // the loop's seam passes twice
        try (LabOpus.Decoder d = new LabOpus.Decoder()) {
            LegReceiveStats.Result tone = receive(LoadCodec.OPUS, 111, d, loop(src, true), packets);
            assertThat(tone.audioFrames()).isEqualTo(packets);
            assertThat(tone.undecodable()).isZero();
            // the decoder's first frame still holds its start-up (look-ahead) silence
            assertThat(tone.toneFrames()).isGreaterThanOrEqualTo(packets - 2);
        }
        try (LabOpus.Decoder d = new LabOpus.Decoder()) {
            LegReceiveStats.Result silence = receive(LoadCodec.OPUS, 111, d, loop(src, false), packets);
            assertThat(silence.audioFrames()).isEqualTo(packets);
            assertThat(silence.toneFrames()).isZero();
        }
    }

    @Test
    void anotherToneInOpusIsNotTheTalkers() {
        short[] pcm = new short[LabOpus.FRAME_SAMPLES];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 400 * i / 48_000.0));
        }
        byte[][] frames = new byte[20][];
        try (LabOpus.Encoder e = new LabOpus.Encoder(32_000, 0)) {
            for (int i = 0; i < frames.length; i++) {
                frames[i] = e.encode(pcm);
            }
        }
        try (LabOpus.Decoder d = new LabOpus.Decoder()) {
            LegReceiveStats.Result r = receive(LoadCodec.OPUS, 111, d, frames, frames.length);
            assertThat(r.audioFrames()).isEqualTo(20);
            assertThat(r.toneFrames()).isZero();
        }
    }

    @Test
    void g711ToneIsFoundInBothLaws() {
        for (LoadCodec c : new LoadCodec[] {LoadCodec.PCMU, LoadCodec.PCMA}) {
            RtpToneSource src = RtpToneSource.of(c);
            assertThat(src.tone(0)).hasSize(160);
            assertThat(receive(c, c.offerPayloadType(), null, loop(src, true), 10).toneFrames()).isEqualTo(10);
            assertThat(receive(c, c.offerPayloadType(), null, loop(src, false), 10).toneFrames()).isZero();
        }
        // the two laws really are different encodings of the same frame
        assertThat(RtpToneSource.of(LoadCodec.PCMA).tone(0)).isNotEqualTo(RtpToneSource.of(LoadCodec.PCMU).tone(0));
        assertThat(RtpToneSource.of(LoadCodec.PCMA).silence(0)[0] & 0xFF).isEqualTo(0xD5);
        assertThat(RtpToneSource.of(LoadCodec.PCMU).silence(0)[0] & 0xFF).isEqualTo(0xFF);
    }

    @Test
    void framesOfOtherPayloadTypesAreCountedNotAnalysed() {
        RtpToneSource src = RtpToneSource.of(LoadCodec.PCMA);
        LegReceiveStats.Result r = receive(LoadCodec.PCMA, 8, null, loop(src, true), 1);
        assertThat(r.audioFrames()).isEqualTo(1);
        LegReceiveStats s = new LegReceiveStats();
        s.answer(LoadCodec.PCMA, 8, null);
        s.onPacket(1, 0, 1, 0, src.tone(0), 0, 160, 0); // PT 0 is not what the answer chose
        assertThat(s.snapshot().received()).isEqualTo(1);
        assertThat(s.snapshot().audioFrames()).isZero();
    }
}
