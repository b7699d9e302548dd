package org.voxgate.lab.report;

/**
 * One generated part of {@code docs/BENCHMARKS.md}: the text between
 * {@code <!-- lab:NAME:begin -->} and {@code <!-- lab:NAME:end -->}. A section measures, draws
 * its charts into {@link ReportContext#charts()} and returns the Markdown. Every figure it writes
 * names the machine, the command and a reference measured in the same run.
 *
 * <p>Sections are listed in {@link ReportSections}; {@code voxgate lab report --sections a,b}
 * runs some of them, no option runs them all.
 */
public interface ReportSection {

    /** Marker name, lower case with dashes ({@code load-cpu}); also the {@code --sections} key. */
    String name();

    /** One line for {@code --help} and the progress output: what it measures. */
    String description();

    /**
     * A heading line (for example {@code "## Codecs"}) the section is inserted in front of when
     * its markers are not in the document yet; null: appended at the end.
     */
    default String before() {
        return null;
    }

    /**
     * Measures and renders.
     *
     * @return the Markdown and whether the measurement itself succeeded (every call answered,
     *         every benchmark ran); a section that failed still returns the text that says why
     * @throws Exception when nothing could be measured at all; the document is then left unchanged
     *         for this section and the command exits 1
     */
    SectionResult run(ReportContext context) throws Exception;

    /** The Markdown between the markers and whether the run was clean. */
    record SectionResult(String markdown, boolean ok) {}
}
