package org.voxgate.lab.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub Markdown table: the first column left-aligned, the others right-aligned (numbers). */
final class MarkdownTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("no columns");
        }
        this.header = List.of(header);
    }

    /** @throws IllegalArgumentException when the row has another number of cells than the header */
    MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    int rows() {
        return rows.size();
    }

    String render() {
        StringBuilder b = new StringBuilder();
        line(b, header);
        b.append("|---|");
        b.append("---:|".repeat(header.size() - 1)).append('\n');
        rows.forEach(r -> line(b, r));
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells) {
        b.append('|');
        for (String c : cells) {
            b.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        b.append('\n');
    }
}
