package org.voxgate.bridge.internal.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxgate.bridge.internal.prompt.WavReader;
import org.voxgate.testing.Peers;

class InbandDtmfDetectorTest {

    private static final String ALL = InbandDtmfDetector.KEYS;

    /** What the detector reported. */
    static final class Digits implements InbandDtmfDetector.DigitListener {
        final StringBuilder keys = new StringBuilder();
        final List<Integer> durations = new ArrayList<>();

        @Override
        public void onDigit(char digit, int durationMs) {
            keys.append(digit);
            durations.add(durationMs);
        }
    }

    static Digits detect(int rate, short[] pcm, int chunk) {
        Digits digits = new Digits();
        InbandDtmfDetector detector = new InbandDtmfDetector(rate, digits);
        for (int off = 0; off < pcm.length; off += chunk) {
            detector.process(pcm, off, Math.min(chunk, pcm.length - off));
        }
        return digits;
    }

    static Digits detect(int rate, short[] pcm) {
        return detect(rate, pcm, rate / 50);
    }

    private static short[] sequence(int rate, String keys, double toneMs, double pauseMs, DtmfSignal s) {
        s.silence(30);
        for (char key : keys.toCharArray()) {
            s.digit(key, toneMs).silence(pauseMs);
        }
        return s.pcm();
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 48000})
    void everyDigitAtSeveralLevels(int rate) {
        for (double level : new double[] {-6, -15, -25, -35}) {
            short[] pcm = sequence(rate, ALL, 60, 60, new DtmfSignal(rate).levels(level, level));
            Digits digits = detect(rate, pcm);
            assertThat(digits.keys.toString()).as("level %s dBFS", level).isEqualTo(ALL);
            assertThat(digits.durations).allSatisfy(ms -> assertThat(ms).isBetween(55, 65));
        }
    }

    @Test
    void tooQuietIsIgnored() {
        short[] pcm = sequence(8000, "159", 80, 60, new DtmfSignal(8000).levels(-45, -45));
        assertThat(detect(8000, pcm).keys).isEmpty();
    }

    @Test
    void reportsLongToneOnceWithItsDuration() {
        short[] pcm = new DtmfSignal(8000).silence(50).digit('#', 1500).silence(100).pcm();
        Digits digits = detect(8000, pcm);
        assertThat(digits.keys.toString()).isEqualTo("#");
        assertThat(digits.durations.get(0)).isBetween(1495, 1505);
    }

    @Test
    void twistWithinLimitsIsAcceptedBeyondIsRejected() {
        // Normal twist: high group louder.
        assertThat(detect(8000, sequence(8000, ALL, 60, 60, new DtmfSignal(8000).levels(-20, -17))).keys)
                .hasToString(ALL);
        assertThat(detect(8000, sequence(8000, ALL, 60, 60, new DtmfSignal(8000).levels(-20, -14))).keys)
                .isEmpty();
        // Reverse twist: low group louder.
        assertThat(detect(8000, sequence(8000, ALL, 60, 60, new DtmfSignal(8000).levels(-10, -17))).keys)
                .hasToString(ALL);
        assertThat(detect(8000, sequence(8000, ALL, 60, 60, new DtmfSignal(8000).levels(-8, -19))).keys)
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 48000})
    void frequencyDeviationAtTheQ24Edges(int rate) {
        for (double d : new double[] {-0.015, 0.015}) {
            for (double[] dev : new double[][] {{d, d}, {d, -d}}) {
                short[] pcm = sequence(rate, ALL, 60, 60, new DtmfSignal(rate).deviation(dev[0], dev[1]));
                assertThat(detect(rate, pcm).keys).as("deviation %s", java.util.Arrays.toString(dev)).hasToString(ALL);
            }
        }
        for (double d : new double[] {-0.035, 0.035}) {
            for (double[] dev : new double[][] {{d, 0}, {0, d}, {d, d}}) {
                short[] pcm = sequence(rate, ALL, 60, 60, new DtmfSignal(rate).deviation(dev[0], dev[1]));
                assertThat(detect(rate, pcm).keys).as("deviation %s", java.util.Arrays.toString(dev)).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void twistAndDeviationTogether(int rate) {
        double[][] levels = {{-20, -17}, {-10, -17}, {-28, -25}, {-22, -29}};
        for (double[] level : levels) {
            for (double d : new double[] {-0.015, 0.015}) {
                short[] pcm = sequence(rate, ALL, 45, 45,
                        new DtmfSignal(rate).levels(level[0], level[1]).deviation(d, -d));
                assertThat(detect(rate, pcm).keys).as("levels %s deviation %s", java.util.Arrays.toString(level), d)
                        .hasToString(ALL);
            }
        }
    }

    @Test
    void durationLimits() {
        // Every start alignment against the analysis grid (quarter = 26 samples at 8 kHz).
        for (int shift = 0; shift < 26; shift += 3) {
            DtmfSignal accept = new DtmfSignal(8000).silence(30 + shift / 8.0);
            DtmfSignal reject = new DtmfSignal(8000).silence(30 + shift / 8.0);
            for (char key : ALL.toCharArray()) {
                accept.digit(key, 40).silence(60);
                reject.digit(key, 22).silence(60);
            }
            assertThat(detect(8000, accept.pcm()).keys).as("40 ms, shift %d", shift).hasToString(ALL);
            assertThat(detect(8000, reject.pcm()).keys).as("22 ms, shift %d", shift).isEmpty();
        }
        Digits digits = detect(8000, sequence(8000, "0", 40, 60, new DtmfSignal(8000)));
        assertThat(digits.durations.get(0)).isBetween(36, 44);
    }

    @Test
    void repeatedDigitsNeedOnlyAShortPause() {
        short[] pcm = sequence(8000, "5555", 45, 40, new DtmfSignal(8000));
        assertThat(detect(8000, pcm).keys).hasToString("5555");
        // A 5 ms dropout inside one key press is not a pause.
        short[] interrupted = new DtmfSignal(8000).silence(30).digit('7', 50).silence(5).digit('7', 50)
                .silence(60).pcm();
        Digits digits = detect(8000, interrupted);
        assertThat(digits.keys).hasToString("7");
        // Two keys back to back without a pause are two digits.
        short[] adjacent = new DtmfSignal(8000).silence(30).digit('1', 60).digit('2', 60).silence(60).pcm();
        assertThat(detect(8000, adjacent).keys).hasToString("12");
    }

    @Test
    void survivesNoiseAndAnyChunking() {
        short[] pcm = sequence(8000, ALL, 60, 60, new DtmfSignal(8000).levels(-20, -20));
        DtmfSignal s = new DtmfSignal(8000).levels(-20, -20).silence(30);
        for (char key : ALL.toCharArray()) {
            s.digit(key, 60).silence(60);
        }
        short[] noisy = s.noise(32768 * Math.pow(10, -38.0 / 20), 7).pcm(); // about 15 dB SNR
        assertThat(detect(8000, noisy).keys).hasToString(ALL);
        for (int chunk : new int[] {1, 7, 80, 160, 4000}) {
            assertThat(detect(8000, pcm, chunk).keys).as("chunk %d", chunk).hasToString(ALL);
        }
    }

    @Test
    void aToneWithItsOctaveIsNotAKey() {
        // Fundamental and second harmonic carry most of a sawtooth's energy; near 755 Hz they
        // sit within 2.5% of 770 + 1477 Hz (key 6) with 6 dB of reverse twist.
        for (double f0 : new double[] {752, 755, 758, 762}) {
            short[] pcm = new short[8000];
            for (int n = 0; n < pcm.length; n++) {
                double v = 0;
                for (int k = 1; k * f0 < 4000; k++) {
                    v += Math.sin(2 * Math.PI * k * f0 * n / 8000) / k;
                }
                pcm[n] = (short) Math.round(6000 * v);
            }
            assertThat(detect(8000, pcm).keys).as("sawtooth %s Hz", f0).isEmpty();
        }
        // Only fundamental and octave, nothing else: the octave check alone rejects it.
        short[] pair = new DtmfSignal(8000).tones(755, -12, 1510, -16, 200).silence(50).pcm();
        assertThat(detect(8000, pair).keys).isEmpty();
        // The same levels and deviations off the octave relation are a key.
        short[] key = new DtmfSignal(8000).tones(755, -12, 1490, -16, 200).silence(50).pcm();
        assertThat(detect(8000, key).keys).hasToString("6");
    }

    @Test
    void processAllocatesNothing() {
        short[] pcm = sequence(8000, ALL, 60, 60, new DtmfSignal(8000));
        int[] count = new int[1];
        InbandDtmfDetector detector = new InbandDtmfDetector(8000, (digit, ms) -> count[0]++);
        for (int round = 0; round < 20; round++) {
            for (int off = 0; off + 160 <= pcm.length; off += 160) {
                detector.process(pcm, off, 160); // warm up
            }
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int round = 0; round < 20; round++) {
            for (int off = 0; off + 160 <= pcm.length; off += 160) {
                detector.process(pcm, off, 160);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(count[0]).isEqualTo(40 * ALL.length());
        assertThat(allocated).isLessThan(1024);
    }

    @Test
    void committedSpeechDoesNotTalkOff() throws IOException {
        WavReader.Wav wav;
        try (InputStream in = getClass().getResourceAsStream("/speech/talkoff-en-us-8k.wav")) {
            wav = WavReader.read(in);
        }
        assertThat(wav.sampleRateHz()).isEqualTo(8000);
        assertThat(wav.samples().length).isGreaterThan(8000 * 5);
        assertThat(detect(8000, wav.samples()).keys).isEmpty();
        // The same speech with a digit mixed in is still heard: the test can fail.
        short[] withDigit = wav.samples().clone();
        short[] tone = new DtmfSignal(8000).levels(-12, -12).digit('9', 100).pcm();
        int at = 8000 * 3;
        for (int i = 0; i < tone.length; i++) {
            withDigit[at + i] = (short) Math.max(-32768, Math.min(32767, tone[i] + withDigit[at + i] / 8));
        }
        assertThat(detect(8000, withDigit).keys).hasToString("9");
    }

    @Test
    void generatedSpeechDoesNotTalkOff(@TempDir Path dir) throws Exception {
        Peers.requireCommand("espeak-ng");
        Peers.requireCommand("sox");
        String text = "Good morning. One, two, three, four, five, six, seven, eight, nine, zero. "
                + "Is this the meeting about the quarterly budget? I think we should wait for Sarah. "
                + "Yes, yes, I can hear you now. Hello? Hello?";
        String[][] voices = {{"en-us", "50"}, {"en-gb", "20"}, {"en-us+f3", "80"}, {"en-gb-scotland", "65"},
            {"de", "40"}, {"fr", "70"}, {"es", "50"}};
        for (String[] voice : voices) {
            Path raw = dir.resolve("raw.wav");
            run("espeak-ng", "-v", voice[0], "-p", voice[1], "-w", raw.toString(), text);
            for (int rate : new int[] {8000, 16000}) {
                Path wav = dir.resolve("speech-" + rate + ".wav");
                run("sox", raw.toString(), "-r", Integer.toString(rate), "-b", "16", "-c", "1", "-e",
                        "signed-integer", wav.toString(), "norm", "-1");
                WavReader.Wav speech = WavReader.parse(Files.readAllBytes(wav));
                assertThat(detect(rate, speech.samples()).keys).as("voice %s at %d Hz", voice[0], rate).isEmpty();
            }
        }
    }

    @Test
    void musicLikeSignalsDoNotTalkOff(@TempDir Path dir) throws Exception {
        Peers.requireCommand("sox");
        String[][] effects = {
            // Plucked guitar chord and a C major chord of sines.
            {"synth", "3", "pl", "G2", "pl", "B2", "pl", "D3", "pl", "G3", "pl", "D4", "pl", "G4",
                "delay", "0", ".05", ".1", ".15", ".2", ".25", "remix", "-", "norm", "-3"},
            {"synth", "3", "sine", "523.25", "sine", "659.25", "sine", "783.99", "remix", "-", "norm", "-3"},
            {"synth", "3", "sine", "880", "sine", "1108.73", "sine", "1318.51", "remix", "-", "norm", "-3"},
            // Sweeps, one pure, one rich in harmonics.
            {"synth", "4", "sine", "200-3800", "norm", "-3"},
            {"synth", "4", "sawtooth", "150-1200", "norm", "-3"},
            {"synth", "4", "square", "300-900", "norm", "-3"},
            // Pink noise.
            {"synth", "3", "pinknoise", "norm", "-6"},
        };
        for (String[] effect : effects) {
            Path wav = dir.resolve("music.wav");
            List<String> cmd = new ArrayList<>(List.of("sox", "-n", "-r", "8000", "-b", "16", "-c", "1", "-e",
                    "signed-integer", wav.toString()));
            cmd.addAll(List.of(effect));
            run(cmd.toArray(String[]::new));
            WavReader.Wav music = WavReader.parse(Files.readAllBytes(wav));
            assertThat(music.samples().length).isGreaterThan(8000);
            assertThat(detect(8000, music.samples()).keys).as(String.join(" ", effect)).isEmpty();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
    }
}
