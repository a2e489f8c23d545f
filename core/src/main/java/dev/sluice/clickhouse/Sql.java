package dev.sluice.clickhouse;

import java.util.regex.Pattern;

/** Quoting of identifiers and string literals in generated ClickHouse SQL. */
public final class Sql {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Sql() {
    }

    /** An identifier, back-quoted only when it needs to be, so generated SQL stays readable. */
    public static String identifier(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches()) {
            return name;
        }
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    /** {@code database.table}, each part quoted as needed. */
    public static String qualified(String database, String table) {
        return identifier(database) + "." + identifier(table);
    }

    /** A single-quoted string literal; backslash and quote are escaped the way ClickHouse reads them. */
    public static String literal(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
