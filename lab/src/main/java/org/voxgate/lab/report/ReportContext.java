package org.voxgate.lab.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every {@link ReportSection} gets from {@code voxgate lab report}.
 *
 * @param quick      short runs (minutes, not an hour): for checking that the report works
 * @param machine    {@link org.voxgate.lab.MachineInfo#describe()}, written next to every figure
 * @param date       UTC date of the run (ISO)
 * @param command    the command line that regenerates the section, for the text
 * @param charts     directory the PNG charts go to (exists)
 * @param chartsLink the same directory relative to the document, for Markdown image links
 * @param seed       seed for anything random (impairments)
 * @param settings   {@code --set key=value} pairs; keys are {@code section.option}
 *                   (for example {@code soak.minutes=60})
 * @param progress   where progress lines go (standard error)
 */
public record ReportContext(boolean quick, String machine, String date, String command, Path charts,
                            String chartsLink, long seed, Map<String, String> settings, PrintStream progress) {

    public ReportContext {
        settings = Map.copyOf(settings);
    }

    /**
     * @return the {@code --set} value of {@code key}, else {@code quickDefault} with
     *         {@code --quick}, else {@code fullDefault}
     * @throws IllegalArgumentException when the value is not an integer (the message names the key)
     */
    public int intSetting(String key, int fullDefault, int quickDefault) {
        String v = settings.get(key);
        if (v == null) {
            return quick ? quickDefault : fullDefault;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--set " + key + "=" + v + ": not an integer");
        }
    }

    /**
     * @return the {@code --set} value of {@code key} as a comma list of positive integers, else the
     *         default list for the mode
     * @throws IllegalArgumentException when an element is not a positive integer (the message names the key)
     */
    public java.util.List<Integer> intListSetting(String key, String fullDefault, String quickDefault) {
        return positiveInts(key, setting(key, fullDefault, quickDefault));
    }

    /** Parses {@code text} ("100, 200,450") for {@code --set key=text}; see {@link #intListSetting}. */
    static java.util.List<Integer> positiveInts(String key, String text) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (String s : text.split(",")) {
            int n;
            try {
                n = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new IllegalArgumentException("--set " + key + "=" + text + ": a comma list of positive integers");
            }
            out.add(n);
        }
        return out;
    }

    /** @return the {@code --set} value of {@code key}, else the default for the mode */
    public String setting(String key, String fullDefault, String quickDefault) {
        String v = settings.get(key);
        return v != null ? v : quick ? quickDefault : fullDefault;
    }

    /** Prints one progress line prefixed with the section's name. */
    public void say(String section, String line) {
        progress.println("lab report [" + section + "]: " + line);
    }
}
