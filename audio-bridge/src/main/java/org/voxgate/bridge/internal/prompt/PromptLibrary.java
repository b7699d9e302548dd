package org.voxgate.bridge.internal.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.internal.resample.Resampler;

/**
 * The shipped prompts as linear PCM at 8, 16 or 48 kHz. Each (prompt, rate) is read and
 * converted once, on first use, and then shared.
 *
 * <p>Thread-safe: legs on any thread may ask at the same time; all of them get the same array.
 */
public final class PromptLibrary {

    /** Rate of the WAV files on the class path. */
    public static final int STORED_RATE_HZ = 16000;

    private record Key(Prompt prompt, int sampleRateHz) {}

    private final ConcurrentHashMap<Key, short[]> cache = new ConcurrentHashMap<>();

    public PromptLibrary() {}

    /**
     * @param sampleRateHz 8000, 16000 or 48000
     * @return the prompt's samples; shared between callers, so callers must not modify it
     * @throws IllegalArgumentException on another rate
     * @throws IllegalStateException    if the prompt's WAV is missing from the class path, is not
     *     16-bit mono PCM or not at {@value #STORED_RATE_HZ} Hz (a broken build, not a runtime
     *     condition)
     */
    public short[] pcm(Prompt prompt, int sampleRateHz) {
        Objects.requireNonNull(prompt, "prompt");
        if (sampleRateHz != 8000 && sampleRateHz != 16000 && sampleRateHz != 48000) {
            throw new IllegalArgumentException("sample rate must be 8000, 16000 or 48000 Hz: " + sampleRateHz);
        }
        short[] stored = cache.computeIfAbsent(new Key(prompt, STORED_RATE_HZ), PromptLibrary::load);
        if (sampleRateHz == STORED_RATE_HZ) {
            return stored;
        }
        // Not nested in the first computeIfAbsent: a mapping function must not touch the map.
        return cache.computeIfAbsent(new Key(prompt, sampleRateHz), k -> convert(stored, k.sampleRateHz()));
    }

    private static short[] load(Key key) {
        String resource = "/prompts/" + key.prompt().fileName() + ".wav";
        try (InputStream in = PromptLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("prompt " + key.prompt() + " missing: " + resource
                        + " is not on the class path (run scripts/make-prompts.sh)");
            }
            WavReader.Wav wav = WavReader.read(in);
            if (wav.sampleRateHz() != STORED_RATE_HZ) {
                throw new IllegalStateException(resource + " is " + wav.sampleRateHz() + " Hz, expected "
                        + STORED_RATE_HZ);
            }
            return wav.samples();
        } catch (WavFormatException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Resamples a whole prompt, removing the filter delay so it starts and ends on time. */
    private static short[] convert(short[] stored, int rateHz) {
        Resampler resampler = new Resampler(STORED_RATE_HZ, rateHz);
        int length = (int) ((long) stored.length * rateHz / STORED_RATE_HZ);
        int delay = resampler.delayOutputSamples();
        int tailIn = (int) ((long) (delay + 1) * STORED_RATE_HZ / rateHz) + 1;
        short[] in = java.util.Arrays.copyOf(stored, stored.length + tailIn);
        short[] out = new short[resampler.maxOutputSamples(in.length)];
        int written = resampler.process(in, 0, in.length, out, 0);
        return java.util.Arrays.copyOfRange(out, Math.min(delay, written), Math.min(delay + length, written));
    }
}
