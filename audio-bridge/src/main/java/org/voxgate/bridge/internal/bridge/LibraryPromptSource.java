package org.voxgate.bridge.internal.bridge;

import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.api.Tone;
import org.voxgate.bridge.internal.leg.PromptSource;
import org.voxgate.bridge.internal.prompt.PromptLibrary;
import org.voxgate.bridge.internal.tone.ToneGenerator;

/** Prompts from the shipped WAVs ({@link PromptLibrary}), tones from {@link ToneGenerator}. */
final class LibraryPromptSource implements PromptSource {
    private final PromptLibrary library = new PromptLibrary();

    @Override
    public short[] prompt(Prompt prompt, int sampleRateHz) {
        return library.pcm(prompt, sampleRateHz);
    }

    @Override
    public short[] tone(Tone tone, int sampleRateHz) {
        return ToneGenerator.render(tone, sampleRateHz);
    }
}
