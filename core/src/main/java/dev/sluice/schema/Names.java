package dev.sluice.schema;

/** Name conversions between config (snake_case) and Avro named types (PascalCase). */
public final class Names {

    private Names() {
    }

    /** {@code page_view} -> {@code PageView}; {@code merchant-category} -> {@code MerchantCategory}. */
    public static String pascalCase(String snakeCase) {
        StringBuilder out = new StringBuilder(snakeCase.length());
        boolean upperNext = true;
        for (int i = 0; i < snakeCase.length(); i++) {
            char c = snakeCase.charAt(i);
            if (c == '_' || c == '-' || c == '.' || c == ' ') {
                upperNext = true;
            } else if (upperNext) {
                out.append(Character.toUpperCase(c));
                upperNext = false;
            } else {
                out.append(c);
            }
        }
        if (out.length() == 0 || !Character.isLetter(out.charAt(0))) {
            // Avro names must start with a letter or underscore.
            out.insert(0, '_');
        }
        return out.toString();
    }
}
