package org.voxgate.bridge.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class WavReaderFuzzTest {

    /** Any bytes: a result or a WavFormatException, nothing else (no index or size errors). */
    @Property(tries = 2000)
    void arbitraryBytesParseOrFailCleanly(@ForAll @Size(max = 200) byte[] bytes) {
        parseOrReject(bytes);
    }

    /** A valid file with a few bytes overwritten and maybe cut short. */
    @Property(tries = 3000)
    void mutatedFilesParseOrFailCleanly(@ForAll("mutations") List<Integer> positions, @ForAll byte value,
                                        @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 120) int cut) {
        WavBuilder b = new WavBuilder().samples(new short[] {1, 2, 3, 4, 5, 6, 7, 8});
        b.extraChunkBeforeData = new byte[] {9, 9, 9};
        byte[] bytes = b.build();
        for (int p : positions) {
            bytes[p % bytes.length] = value;
        }
        byte[] input = java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length - cut));
        WavReader.Wav wav = parseOrReject(input);
        if (wav != null) {
            assertThat(wav.samples().length * 2).isLessThanOrEqualTo(input.length - 44);
        }
    }

    /** What is written comes back exactly. */
    @Property(tries = 300)
    void roundTrip(@ForAll @Size(max = 500) short[] pcm, @ForAll @Size(max = 9) byte[] extra) throws Exception {
        WavBuilder b = new WavBuilder().samples(pcm);
        b.extraChunkBeforeData = extra;
        WavReader.Wav wav = WavReader.parse(b.build());
        assertThat(wav.samples()).containsExactly(pcm);
    }

    @Provide
    Arbitrary<List<Integer>> mutations() {
        return Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(4);
    }

    private static WavReader.Wav parseOrReject(byte[] bytes) {
        try {
            return WavReader.parse(bytes);
        } catch (WavFormatException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) Math.max(bytes.length, 12));
            return null;
        }
    }
}
