package org.voxgate.bridge.internal.leg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.AudioEncoder;
import org.voxgate.bridge.internal.codec.OpusParameters;
import org.voxgate.bridge.internal.codec.OpusSupport;

/**
 * Prompts encoded once per codec and shared: the frames are the bytes a fresh encoder of the
 * leg's settings makes from the same PCM (clips back to back, last frame padded), a second leg
 * gets the same instance, settings that change the bytes get their own entry, G.722 is not
 * shared, the cache stays within its bounds (least recently used out), and Opus DTX receivers
 * get no shared silence.
 */
class EncodedPlaybackCacheTest {

    private static short[] tone(int samples, double hz, int rate) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** What one fresh encoder makes of the clips played back to back, frame by frame. */
    private static List<byte[]> reference(AudioCodec codec, OpusParameters opus, short[][] clips, int frame) {
        int total = Arrays.stream(clips).mapToInt(c -> c.length).sum();
        short[] all = new short[(total + frame - 1) / frame * frame];
        int at = 0;
        for (short[] c : clips) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        AudioEncoder e = codec.newEncoder(opus);
        byte[] out = new byte[e.maxPayloadBytes(frame)];
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int i = 0; i < all.length; i += frame) {
            int n = e.encode(all, i, frame, out, 0);
            frames.add(Arrays.copyOf(out, n));
        }
        AudioCodec.release(e);
        return frames;
    }

    private static List<byte[]> framesOf(EncodedFrames f) {
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int i = 0; i < f.frames(); i++) {
            frames.add(Arrays.copyOfRange(f.data(), f.offset(i), f.offset(i) + f.length(i)));
        }
        return frames;
    }

    @Test
    void opusPromptIsEncodedOnceAndSharedWithTheBytesOfAFreshEncoder() {
        assumeTrue(OpusSupport.available(), () -> "libopus: " + OpusSupport.problem());
        EncodedPlaybackCache cache = new EncodedPlaybackCache();
        short[][] clips = {tone(48_000 / 2 + 100, 440, 48_000), tone(3 * 960 + 7, 660, 48_000)};
        EncodedFrames first = cache.frames(List.of("a", "b"), clips, AudioCodec.OPUS, OpusParameters.OURS, 20);
        assertThat(first).isNotNull();
        assertThat(first.frames()).as("ceil((24100 + 2887) / 960)").isEqualTo(29);
        assertThat(first.fits(AudioCodec.OPUS, OpusParameters.OURS, 960)).isTrue();
        assertThat(first.fits(AudioCodec.OPUS, OpusParameters.PEER_DEFAULT, 960)).isFalse();
        assertThat(first.fits(AudioCodec.OPUS, OpusParameters.OURS, 480)).as("10 ms ticks").isFalse();
        List<byte[]> expected = reference(AudioCodec.OPUS, OpusParameters.OURS, clips, 960);
        List<byte[]> got = framesOf(first);
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).as("frame %d", i).isEqualTo(expected.get(i));
        }
        assertThat(cache.misses()).isEqualTo(1);
        long encoded = cache.framesEncoded();

        EncodedFrames second = cache.frames(List.of("a", "b"), clips, AudioCodec.OPUS, OpusParameters.OURS, 20);
        assertThat(second).as("the second leg gets the same frames").isSameAs(first);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.framesEncoded()).as("nothing encoded for the hit").isEqualTo(encoded);

        EncodedFrames other = cache.frames(List.of("a", "b"), clips, AudioCodec.OPUS, OpusParameters.PEER_DEFAULT, 20);
        assertThat(other).as("other Opus parameters, other bytes").isNotSameAs(first);
        assertThat(cache.size()).isEqualTo(2);
        // no fmtp from the peer: its encoder uses PEER_DEFAULT, so does the shared entry
        assertThat(cache.frames(List.of("a", "b"), clips, AudioCodec.OPUS, null, 20)).isSameAs(other);
    }

    @Test
    void g711FramesAreExactlyTheLegsOwnAndG722IsNotShared() {
        EncodedPlaybackCache cache = new EncodedPlaybackCache();
        short[][] clips = {tone(1000, 1004, 8000)};
        EncodedFrames f = cache.frames("beep", clips, AudioCodec.PCMA, null, 20);
        assertThat(framesOf(f)).usingRecursiveComparison()
                .isEqualTo(reference(AudioCodec.PCMA, null, clips, 160));
        assertThat(f.length(f.frames() - 1)).as("the last frame padded to 160 samples").isEqualTo(160);
        assertThat(cache.frames("beep", new short[][] {tone(1000, 1004, 16000)}, AudioCodec.G722, null, 20))
                .as("G.722's ADPCM state follows its encoder: not shared").isNull();
        assertThat(cache.silence(AudioCodec.G722, null, 20)).isNull();
    }

    @Test
    void staysWithinItsBoundsLeastRecentlyUsedFirstOut() {
        EncodedPlaybackCache cache = new EncodedPlaybackCache(2, 1 << 20);
        short[][] clips = {tone(800, 500, 8000)};
        EncodedFrames a = cache.frames("a", clips, AudioCodec.PCMU, null, 20);
        cache.frames("b", clips, AudioCodec.PCMU, null, 20);
        assertThat(cache.frames("a", clips, AudioCodec.PCMU, null, 20)).isSameAs(a); // a is now the newest
        cache.frames("c", clips, AudioCodec.PCMU, null, 20);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.frames("a", clips, AudioCodec.PCMU, null, 20)).as("kept").isSameAs(a);
        long misses = cache.misses();
        cache.frames("b", clips, AudioCodec.PCMU, null, 20);
        assertThat(cache.misses()).as("b was the least recently used: evicted").isEqualTo(misses + 1);

        EncodedPlaybackCache small = new EncodedPlaybackCache(10, 900);
        for (String k : List.of("a", "b", "c", "d")) {
            small.frames(k, clips, AudioCodec.PCMU, null, 20); // 800 payload bytes + offsets each
        }
        assertThat(small.bytes()).isLessThanOrEqualTo(900);
        assertThat(small.size()).isEqualTo(1);
    }

    @Test
    void sharedSilenceIsOneSettledFrameAndNoneForOpusDtx() {
        assumeTrue(OpusSupport.available(), () -> "libopus: " + OpusSupport.problem());
        EncodedPlaybackCache cache = new EncodedPlaybackCache();
        EncodedFrames s = cache.silence(AudioCodec.OPUS, OpusParameters.OURS, 20);
        assertThat(s.frames()).isEqualTo(1);
        assertThat(s.length(0)).isGreaterThan(0);
        assertThat(cache.silence(AudioCodec.OPUS, OpusParameters.OURS, 20)).isSameAs(s);
        assertThat(cache.silence(AudioCodec.OPUS, new OpusParameters(32_000, true, true, 48_000), 20))
                .as("a DTX receiver's own encoder decides when to send comfort noise").isNull();
        EncodedFrames mu = cache.silence(AudioCodec.PCMU, null, 20);
        byte[] f = Arrays.copyOfRange(mu.data(), mu.offset(0), mu.offset(0) + mu.length(0));
        byte[] expected = new byte[160];
        Arrays.fill(expected, (byte) 0xFF); // mu-law of 0
        assertThat(f).isEqualTo(expected);
    }
}
