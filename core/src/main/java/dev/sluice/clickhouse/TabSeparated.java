package dev.sluice.clickhouse;

import java.util.ArrayList;
import java.util.List;

/** Parses ClickHouse's TabSeparated output: tab between values, newline after rows, backslash escapes, \N for NULL. */
public final class TabSeparated {

    private TabSeparated() {
    }

    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean nullValue = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                switch (n) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case '0' -> value.append('\0');
                    case 'N' -> nullValue = true;
                    default -> value.append(n); // \\ \' and any other escaped character stand for themselves
                }
                any = true;
            } else if (c == '\t') {
                row.add(nullValue ? null : value.toString());
                value.setLength(0);
                nullValue = false;
                any = true;
            } else if (c == '\n') {
                row.add(nullValue ? null : value.toString());
                rows.add(row);
                row = new ArrayList<>();
                value.setLength(0);
                nullValue = false;
                any = false;
            } else {
                value.append(c);
                any = true;
            }
        }
        if (any) {
            row.add(nullValue ? null : value.toString());
            rows.add(row);
        }
        return rows;
    }
}
