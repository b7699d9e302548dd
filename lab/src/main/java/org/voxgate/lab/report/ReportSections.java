package org.voxgate.lab.report;

import java.util.List;

/** Every section {@code voxgate lab report} can write, in the order it runs them. */
public final class ReportSections {
    private ReportSections() {}

    /** @return fresh instances, in run order */
    public static List<ReportSection> all() {
        return List.of(
                new LoadCpuSection(),
                new QualitySection(),
                new LoadCodecsSection(),
                new LoadMeetingsSection(),
                new CallsRateSection(),
                new SrtpLoadSection(),
                new SrtpSection(),
                new MixerSection(),
                new JitterSection(),
                new CodecsSection(),
                new SoakSection());
    }
}
