package org.voxgate.bridge.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class WavReaderTest {

    private static void rejects(Consumer<WavBuilder> change, String reason) {
        WavBuilder b = new WavBuilder().samples((short) 1, (short) 2);
        change.accept(b);
        byte[] bytes = b.build();
        assertThatThrownBy(() -> WavReader.parse(bytes)).isInstanceOf(WavFormatException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void readsPlainPcm() throws Exception {
        short[] pcm = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 12345};
        WavReader.Wav wav = WavReader.read(new ByteArrayInputStream(new WavBuilder().samples(pcm).build()));
        assertThat(wav.sampleRateHz()).isEqualTo(16000);
        assertThat(wav.samples()).containsExactly(pcm);
    }

    @Test
    void skipsOtherChunksIncludingOddSizedOnes() throws Exception {
        WavBuilder b = new WavBuilder().samples((short) 7, (short) -7);
        b.extraChunkBeforeData = new byte[] {1, 2, 3}; // odd: followed by a pad byte
        b.fmtSize = 18;
        b.rateHz = 8000;
        WavReader.Wav wav = WavReader.parse(b.build());
        assertThat(wav.sampleRateHz()).isEqualTo(8000);
        assertThat(wav.samples()).containsExactly((short) 7, (short) -7);
    }

    @Test
    void rejectsEverythingElse() {
        rejects(b -> b.channels = 2, "2 channels");
        rejects(b -> b.bits = 8, "8 bits");
        rejects(b -> b.formatTag = 3, "format tag 3");
        rejects(b -> b.formatTag = 0xFFFE, "format tag 65534");
        rejects(b -> b.blockAlign = 4, "block align");
        rejects(b -> b.byteRate = 16000, "byte rate");
        rejects(b -> b.rateHz = 0, "sample rate");
        rejects(b -> b.fmtSize = 14, "fmt chunk size");
        rejects(b -> b.dataBeforeFmt = true, "data chunk before fmt");
        rejects(b -> b.data = new byte[3], "not a whole number");
        rejects(b -> b.riffSizeDelta = 10, "RIFF size");
        rejects(b -> {
            b.extraChunkId = "fmt ";
            b.extraChunkBeforeData = new byte[16];
        }, "second fmt");
    }

    @Test
    void rejectsTruncationAtEveryLength() {
        byte[] full = new WavBuilder().samples(new short[20]).build();
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            assertThatThrownBy(() -> WavReader.parse(cut)).as("length %d", n).isInstanceOf(WavFormatException.class);
        }
        byte[] notRiff = full.clone();
        notRiff[0] = 'X';
        assertThatThrownBy(() -> WavReader.parse(notRiff)).hasMessageContaining("not a RIFF").isInstanceOf(WavFormatException.class);
        byte[] notWave = full.clone();
        notWave[8] = 'A';
        assertThatThrownBy(() -> WavReader.parse(notWave)).hasMessageContaining("not WAVE");
    }

    @Test
    void namesTheOffset() {
        byte[] bytes = new WavBuilder().samples((short) 1).build();
        bytes[22] = 2; // channels, at 12 + 8 + 2
        assertThatThrownBy(() -> WavReader.parse(bytes)).isInstanceOfSatisfying(WavFormatException.class,
                e -> assertThat(e.offset()).isEqualTo(22));
    }
}
