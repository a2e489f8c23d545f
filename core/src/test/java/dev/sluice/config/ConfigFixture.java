package dev.sluice.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A copy of the shipped configuration in a temporary directory, to break on purpose. */
final class ConfigFixture {

    final Path root;

    ConfigFixture(Path tempDir) {
        this.root = tempDir;
        copy(ShippedConfigTest.REPO.resolve("config"), root.resolve("config"));
        copy(ShippedConfigTest.REPO.resolve("environments"), root.resolve("environments"));
    }

    /** Replaces the one occurrence of {@code from} in {@code file}; fails if it is not there exactly once. */
    ConfigFixture replace(String file, String from, String to) {
        try {
            Path path = root.resolve(file);
            String text = Files.readString(path);
            int first = text.indexOf(from);
            assertTrue(first >= 0 && text.indexOf(from, first + 1) < 0, "fixture text must occur once in " + file + ": " + from);
            Files.writeString(path, text.replace(from, to));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConfigFixture write(String file, String content) {
        try {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1-based line of the first line of {@code file} containing {@code text}. */
    int lineOf(String file, String text) {
        try {
            List<String> lines = Files.readAllLines(root.resolve(file));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new AssertionError(text + " not in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1-based column where {@code text} starts on the line that contains it. */
    int columnOf(String file, String text) {
        try {
            List<String> lines = Files.readAllLines(root.resolve(file));
            return lines.get(lineOf(file, text) - 1).indexOf(text) + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SluiceConfig load(String env, Map<String, String> environment) {
        return ConfigLoader.forRepository(root, environment).load(env);
    }

    List<String> errors(String env, Map<String, String> environment) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(env, environment));
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    List<String> errors(String env) {
        return errors(env, Map.of());
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
