package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkedSectionsTest {
    private static final String DOC = "# Benchmarks\n\n## Load\n\nhand-written\n\n## Codecs\n\nmore\n";

    @Test
    void insertsBeforeTheHeadingThenReplacesInPlaceKeepingTheRest() {
        String once = MarkedSections.replace(DOC, "quality", "## Audio quality\n\nfirst\n", "## Codecs");
        assertThat(once).contains("hand-written", "more")
                .contains("<!-- lab:quality:begin -->\n## Audio quality\n\nfirst\n<!-- lab:quality:end -->\n\n## Codecs");
        String twice = MarkedSections.replace(once, "quality", "## Audio quality\n\nsecond", "## Codecs");
        assertThat(twice).doesNotContain("first").contains("second\n<!-- lab:quality:end -->", "hand-written", "more");
        assertThat(twice.split("lab:quality:begin", -1)).hasSize(2);
        assertThat(twice.length()).isEqualTo(once.length() + 1);
    }

    @Test
    void appendsWhenTheHeadingIsMissingAndRejectsAnUnclosedSection() {
        assertThat(MarkedSections.replace(DOC, "x", "y", "## Nowhere")).endsWith("more\n\n<!-- lab:x:begin -->\ny\n<!-- lab:x:end -->\n");
        assertThatThrownBy(() -> MarkedSections.replace("<!-- lab:x:begin -->\n", "x", "y", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
