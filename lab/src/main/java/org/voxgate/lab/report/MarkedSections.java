package org.voxgate.lab.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the text between {@code <!-- lab:NAME:begin -->} and {@code <!-- lab:NAME:end -->}
 * in a Markdown document, keeping the markers and everything outside them. A section that is not
 * there yet is inserted, with its markers, before the first heading given (or at the end).
 */
public final class MarkedSections {
    private MarkedSections() {}

    static String begin(String name) {
        return "<!-- lab:" + name + ":begin -->";
    }

    static String end(String name) {
        return "<!-- lab:" + name + ":end -->";
    }

    /**
     * @param before a line (e.g. "## Codecs") the new section goes in front of when the markers
     *               are missing; null or absent: appended at the end
     * @throws IllegalArgumentException when a begin marker has no end marker after it
     */
    public static String replace(String doc, String name, String content, String before) {
        String b = begin(name);
        String e = end(name);
        String body = content.endsWith("\n") ? content : content + "\n";
        int i = doc.indexOf(b);
        if (i >= 0) {
            int j = doc.indexOf(e, i);
            if (j < 0) {
                throw new IllegalArgumentException(b + " without " + e);
            }
            return doc.substring(0, i + b.length()) + "\n" + body + doc.substring(j);
        }
        String block = b + "\n" + body + e + "\n";
        if (before != null) {
            Matcher m = Pattern.compile("^" + Pattern.quote(before) + "\\s*$", Pattern.MULTILINE).matcher(doc);
            if (m.find()) {
                return doc.substring(0, m.start()) + block + "\n" + doc.substring(m.start());
            }
        }
        return doc + (doc.endsWith("\n") ? "\n" : "\n\n") + block;
    }
}
