package org.voxgate.bridge.internal.leg;

import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.api.Tone;

/** Where a leg gets prompt and tone audio (the prompt library and tone generator in production). */
public interface PromptSource {

    /** 16-bit PCM of the prompt at {@code sampleRateHz}; may be cached and shared: read only. */
    short[] prompt(Prompt prompt, int sampleRateHz);

    /** 16-bit PCM of the tone at {@code sampleRateHz}; read only. */
    short[] tone(Tone tone, int sampleRateHz);
}
