package dev.sluice.console;

import java.util.ArrayList;
import java.util.List;

/** Renders rows (the first one being the header) as an aligned plain-text table; numbers are right-aligned. */
public final class TextTable {

    private TextTable() {
    }

    public static String render(List<List<String>> rowsWithHeader) {
        if (rowsWithHeader.isEmpty()) {
            return "(no columns)\n";
        }
        int columns = rowsWithHeader.get(0).size();
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        java.util.Arrays.fill(numeric, rowsWithHeader.size() > 1);
        for (int r = 0; r < rowsWithHeader.size(); r++) {
            List<String> row = rowsWithHeader.get(r);
            for (int c = 0; c < columns; c++) {
                String value = cell(row, c);
                widths[c] = Math.max(widths[c], value.length());
                if (r > 0 && !value.isEmpty() && !value.matches("-?[0-9.eE+-]+|nan|inf")) {
                    numeric[c] = false;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        List<String> separator = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            separator.add("-".repeat(widths[c]));
        }
        appendRow(out, rowsWithHeader.get(0), widths, new boolean[columns]);
        appendRow(out, separator, widths, new boolean[columns]);
        for (int r = 1; r < rowsWithHeader.size(); r++) {
            appendRow(out, rowsWithHeader.get(r), widths, numeric);
        }
        if (rowsWithHeader.size() == 1) {
            out.append("(no rows)\n");
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> row, int[] widths, boolean[] rightAligned) {
        for (int c = 0; c < widths.length; c++) {
            String value = cell(row, c);
            String padding = " ".repeat(widths[c] - value.length());
            out.append(c == 0 ? "  " : "  ").append(rightAligned[c] ? padding + value : value + padding);
        }
        out.append('\n');
    }

    private static String cell(List<String> row, int column) {
        String value = column < row.size() ? row.get(column) : "";
        return value == null ? "NULL" : value;
    }
}
