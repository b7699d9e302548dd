package org.voxgate.bridge.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.Prompt;

class PromptLibraryTest {

    /** The (file name, text) list of scripts/make-prompts.sh, in order. */
    static Map<String, String> scriptList() throws Exception {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("scripts/make-prompts.sh");
        List<String> lines = Files.readAllLines(script);
        int begin = lines.indexOf("# BEGIN PROMPTS (file-name|text)");
        int end = lines.indexOf("# END PROMPTS");
        assertThat(begin).as("markers in %s", script).isNotNegative().isLessThan(end);
        Map<String, String> list = new LinkedHashMap<>();
        for (String line : lines.subList(begin + 1, end)) {
            int bar = line.indexOf('|');
            if (bar > 0 && line.matches("[a-z-]+\\|.*")) {
                assertThat(list.put(line.substring(0, bar), line.substring(bar + 1))).as("duplicate %s", line).isNull();
            }
        }
        return list;
    }

    @Test
    void scriptSpeaksExactlyTheEnumTexts() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        for (Prompt p : Prompt.values()) {
            expected.put(p.fileName(), p.text());
        }
        assertThat(scriptList()).containsExactlyEntriesOf(expected);
    }

    @Test
    void everyPromptHasItsWav() throws Exception {
        for (Prompt p : Prompt.values()) {
            try (InputStream in = getClass().getResourceAsStream("/prompts/" + p.fileName() + ".wav")) {
                assertThat(in).as("WAV of %s", p).isNotNull();
                WavReader.Wav wav = WavReader.read(in);
                assertThat(wav.sampleRateHz()).isEqualTo(16000);
                double seconds = wav.samples().length / 16000.0;
                assertThat(seconds).as("%s duration", p).isBetween(0.4, 6.0);
                int peak = 0;
                for (short s : wav.samples()) {
                    peak = Math.max(peak, Math.abs(s));
                }
                assertThat(20 * Math.log10(peak / 32768.0)).as("%s peak dBFS", p).isBetween(-3.5, -2.5);
                // Silence trimmed to a short lead-in: speech starts within 100 ms.
                int first = 0;
                while (Math.abs(wav.samples()[first]) < 300) {
                    first++;
                }
                assertThat(first).as("%s leading silence", p).isLessThan(1600);
            }
        }
    }

    @Test
    void convertsToEachRateKeepingLengthAndLevel() {
        PromptLibrary library = new PromptLibrary();
        short[] wide = library.pcm(Prompt.WELCOME, 16000);
        short[] narrow = library.pcm(Prompt.WELCOME, 8000);
        short[] full = library.pcm(Prompt.WELCOME, 48000);
        assertThat(narrow).hasSize(wide.length / 2);
        assertThat(full).hasSize(wide.length * 3);
        double rmsWide = rms(wide, 1);
        assertThat(rms(full, 1)).isCloseTo(rmsWide, org.assertj.core.data.Percentage.withPercentage(3));
        // 8 kHz drops what speech has above 3.4 kHz: some energy, not most.
        assertThat(rms(narrow, 1)).isBetween(rmsWide * 0.7, rmsWide * 1.03);
        // Aligned: no delay added by the filters (compare every third 48 kHz sample).
        double diff = 0;
        for (int i = 0; i < wide.length; i++) {
            double d = full[3 * i] - wide[i];
            diff += d * d;
        }
        assertThat(Math.sqrt(diff / wide.length)).isLessThan(rmsWide * 0.1);
    }

    @Test
    void cachesAndSharesAcrossThreads() throws Exception {
        PromptLibrary library = new PromptLibrary();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<short[]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> library.pcm(Prompt.ENTER_PIN, 8000)));
            }
            short[] first = results.get(0).get();
            for (Future<short[]> f : results) {
                assertThat(f.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(library.pcm(Prompt.GOODBYE, 16000)).isSameAs(library.pcm(Prompt.GOODBYE, 16000));
        assertThatThrownBy(() -> library.pcm(Prompt.GOODBYE, 22050)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double rms(short[] pcm, int step) {
        double sum = 0;
        for (int i = 0; i < pcm.length; i += step) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / (pcm.length / step));
    }
}
