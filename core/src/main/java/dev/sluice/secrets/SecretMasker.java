package dev.sluice.secrets;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows every secret value resolved into the configuration and replaces it with {@value #MASK} in any text about
 * to be shown: config dumps, log lines, exception messages.
 */
public final class SecretMasker {

    public static final String MASK = "******";

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    public void register(String secretValue) {
        // Very short values would mask ordinary text everywhere; they are still kept out of config dumps by path.
        if (secretValue != null && secretValue.length() >= 3) {
            secrets.add(secretValue);
        }
    }

    public boolean isSecret(String value) {
        return value != null && secrets.contains(value);
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        // Longest first, so a secret that contains another is masked whole.
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
