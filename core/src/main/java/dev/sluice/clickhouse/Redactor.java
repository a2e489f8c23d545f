package dev.sluice.clickhouse;

import java.util.List;
import java.util.Objects;

/**
 * Removes secrets from text that may end up in an exception or a log line: a server or library error can echo a
 * request, and a URL can carry {@code user:password@}.
 */
public final class Redactor {

    private final List<String> secrets;

    public Redactor(String... secrets) {
        this.secrets = java.util.Arrays.stream(secrets).filter(Objects::nonNull).filter(s -> s.length() >= 1).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replaceAll("(?i)(https?://)[^/@\\s:]+:[^/@\\s]*@", "$1***:***@");
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        return out;
    }
}
