package org.voxgate.bridge.internal.bridge;

import java.util.concurrent.ConcurrentHashMap;

import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.api.Tone;
import org.voxgate.bridge.internal.leg.PromptSource;
import org.voxgate.bridge.internal.prompt.PromptLibrary;
import org.voxgate.bridge.internal.tone.ToneGenerator;

/**
 * Prompts from the shipped WAVs ({@link PromptLibrary}), tones from {@link ToneGenerator}. Both
 * are rendered once per sample rate and shared (read-only) by every leg: a conference plays its
 * entry and exit tones to every member on each join and leave, and rendering them per member made
 * filling or emptying a meeting cost N² renders on the bridge's event threads.
 */
final class LibraryPromptSource implements PromptSource {
    private final PromptLibrary library = new PromptLibrary();
    private final ConcurrentHashMap<ToneKey, short[]> tones = new ConcurrentHashMap<>();

    private record ToneKey(Tone tone, int sampleRateHz) {}

    @Override
    public short[] prompt(Prompt prompt, int sampleRateHz) {
        return library.pcm(prompt, sampleRateHz);
    }

    /** @return the shared rendering; callers must not write to it */
    @Override
    public short[] tone(Tone tone, int sampleRateHz) {
        return tones.computeIfAbsent(new ToneKey(tone, sampleRateHz), k -> ToneGenerator.render(k.tone(), k.sampleRateHz()));
    }
}
