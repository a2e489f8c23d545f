package dev.sluice.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** One file per secret, as Kubernetes and Docker mount them: the file {@code <dir>/<name>} holds the value. */
public final class DirectorySecretBackend implements SecretBackend {

    private final Path directory;

    public DirectorySecretBackend(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> lookup(String name) {
        if (name.contains("/") || name.contains("..")) {
            return Optional.empty();
        }
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(stripFinalNewline(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }

    @Override
    public String whereWouldBe(String name) {
        return "file " + directory.resolve(name);
    }

    private static String stripFinalNewline(String value) {
        if (value.endsWith("\r\n")) {
            return value.substring(0, value.length() - 2);
        }
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }
}
