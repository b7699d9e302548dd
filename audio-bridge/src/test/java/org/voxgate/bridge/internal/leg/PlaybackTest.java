package org.voxgate.bridge.internal.leg;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.internal.codec.AudioCodec;

/**
 * A playback sent from shared frames and rendered as PCM stays on one position: after a few
 * frames sent encoded, a stretch rendered as PCM (a tone over it) and more frames sent, it ends
 * exactly when the PCM would; off a frame boundary it offers no frame; the per-tick calls
 * allocate nothing.
 */
class PlaybackTest {

    private static EncodedFrames pcmuFrames(short[][] clips) {
        return new EncodedPlaybackCache().frames("p", clips, AudioCodec.PCMU, null, 20);
    }

    @Test
    void encodedFramesAndPcmRenderingShareOnePosition() {
        short[][] clips = {new short[500], new short[300]}; // 800 samples: 5 frames of 160
        for (int i = 0; i < 500; i++) {
            clips[0][i] = (short) i;
        }
        for (int i = 0; i < 300; i++) {
            clips[1][i] = (short) (1000 + i);
        }
        Playback p = new Playback(clips, true, 8000, pcmuFrames(clips));
        assertThat(p.encoded().frames()).isEqualTo(5);
        assertThat(p.encodedFrame(160)).isZero();
        assertThat(p.encodedFrame(320)).as("another tick length").isEqualTo(-1);
        p.advance(160);
        p.advance(160);
        assertThat(p.encodedFrame(160)).isEqualTo(2);
        short[] out = new short[160];
        assertThat(p.render(out, 160, false)).isTrue(); // frame 2 as PCM: samples 320..479
        assertThat(out[0]).isEqualTo((short) 320);
        assertThat(p.encodedFrame(160)).as("back on the frame grid").isEqualTo(3);
        p.advance(160); // 480..639 crosses into the second clip
        assertThat(p.render(out, 160, false)).isTrue(); // 640..799
        assertThat(out[0]).isEqualTo((short) (1000 + 140));
        assertThat(out[159]).isEqualTo((short) (1000 + 299));
        assertThat(p.atEnd()).isTrue();
        assertThat(p.encodedFrame(160)).isEqualTo(-1);
    }

    @Test
    void offTheFrameGridNoFrameIsOffered() {
        short[][] clips = {new short[1000]};
        Playback p = new Playback(clips, false, 8000, pcmuFrames(clips));
        p.render(new short[80], 80, true);
        assertThat(p.encodedFrame(160)).isEqualTo(-1);
        Playback last = new Playback(clips, false, 8000, pcmuFrames(clips));
        for (int i = 0; i < 6; i++) {
            assertThat(last.encodedFrame(160)).isEqualTo(i);
            last.advance(160);
        }
        assertThat(last.encodedFrame(160)).as("the padded last frame").isEqualTo(6);
        last.advance(160);
        assertThat(last.atEnd()).isTrue();
        assertThat(new Playback(clips, false, 8000).encodedFrame(160)).as("no shared frames").isEqualTo(-1);
    }

    @Test
    void perTickCallsAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        short[][] clips = {new short[160 * 4000]};
        EncodedFrames frames = pcmuFrames(clips);
        Playback warm = new Playback(clips, false, 8000, frames);
        Playback p = new Playback(clips, false, 8000, frames);
        long sum = loop(warm) + loop(warm);
        long before = threads.getCurrentThreadAllocatedBytes();
        sum += loop(p);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sum).isPositive();
        assertThat(allocated).as("bytes allocated for 1000 ticks").isLessThan(256);
    }

    private static long loop(Playback p) {
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            int f = p.encodedFrame(160);
            if (f >= 0) {
                sum += p.encoded().offset(f) + p.encoded().length(f);
            }
            p.advance(160);
        }
        return sum;
    }
}
