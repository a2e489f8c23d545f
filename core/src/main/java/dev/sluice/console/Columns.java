package dev.sluice.console;

import java.util.ArrayList;
import java.util.List;

/** Lines of an aligned table for the live views: the first row is the header; cells that look like numbers are right-aligned. */
public final class Columns {

    private Columns() {
    }

    public static List<String> render(List<List<String>> rowsWithHeader) {
        if (rowsWithHeader.isEmpty()) {
            return List.of();
        }
        int columns = rowsWithHeader.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rowsWithHeader) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], cell(row, c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rowsWithHeader.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String value = cell(rowsWithHeader.get(r), c);
                boolean right = r > 0 && c > 0 && !value.isEmpty() && (Character.isDigit(value.charAt(0)) || value.equals("-"));
                if (c > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(widths[c] - value.length());
                line.append(right ? pad + value : c == columns - 1 ? value : value + pad);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String cell(List<String> row, int c) {
        return c < row.size() && row.get(c) != null ? row.get(c) : "";
    }
}
