package dev.sluice.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A dotenv file: {@code NAME=value} lines, {@code #} comments, optional {@code export}, single or double quotes.
 * Secret {@code db_password} matches the key {@code db_password} or {@code DB_PASSWORD}. A missing file holds no secrets.
 */
public final class DotenvSecretBackend implements SecretBackend {

    private final Path file;
    private final Map<String, String> values;

    public DotenvSecretBackend(Path file) {
        this.file = file;
        this.values = Files.isRegularFile(file) ? read(file) : Map.of();
    }

    @Override
    public Optional<String> lookup(String name) {
        String value = values.get(name);
        return Optional.ofNullable(value != null ? value : values.get(name.toUpperCase(Locale.ROOT)));
    }

    @Override
    public String whereWouldBe(String name) {
        return "dotenv file " + file + " (key " + name + " or " + name.toUpperCase(Locale.ROOT) + ")";
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring("export ".length()).strip();
                }
                int equals = line.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                values.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
            }
        } catch (IOException e) {
            // The path is not secret; the content is never part of the message.
            throw new UncheckedIOException("cannot read dotenv file " + file, e);
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }
}
