package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.Tone;
import org.voxgate.bridge.internal.tone.ToneGenerator;

class LibraryPromptSourceTest {

    @Test
    void aToneIsRenderedOncePerRateAndSharedByEveryLeg() {
        LibraryPromptSource source = new LibraryPromptSource();
        short[] first = source.tone(Tone.ENTRY, 8000);
        assertThat(source.tone(Tone.ENTRY, 8000)).isSameAs(first);
        assertThat(first).containsExactly(ToneGenerator.render(Tone.ENTRY, 8000));
        short[] wide = source.tone(Tone.ENTRY, 16000);
        assertThat(wide).isNotSameAs(first).hasSize(first.length * 2);
        assertThat(source.tone(Tone.EXIT, 8000)).isNotSameAs(first);
    }
}
