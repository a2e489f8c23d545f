package dev.sluice.schema;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The committed schema versions under {@code schemas/}: {@code <domain>/<event>.v<N>.avsc}, pretty-printed JSON.
 * Versions are append-only: a file once written is never rewritten, because a registry somewhere may hold it
 * under an id that messages in Kafka still carry.
 */
public final class SchemaFiles {

    public static final String DIRECTORY = "schemas";
    private static final Pattern FILE_NAME = Pattern.compile("(.+)\\.v([1-9][0-9]*)\\.avsc");

    private final Path root;

    public SchemaFiles(Path schemasRoot) {
        this.root = schemasRoot;
    }

    /** The {@code schemas/} directory of a repository. */
    public static SchemaFiles inRepository(Path repoRoot) {
        return new SchemaFiles(repoRoot.resolve(DIRECTORY));
    }

    public Path root() {
        return root;
    }

    public Path file(String domain, String event, int version) {
        return root.resolve(domain).resolve(event + ".v" + version + ".avsc");
    }

    /** All versions of an event in ascending order; empty when none is committed. Gaps are a bad-config error. */
    public List<VersionedSchema> versions(String domain, String event) {
        Path dir = root.resolve(domain);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeMap<Integer, Path> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> {
                Matcher m = FILE_NAME.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(event)) {
                    files.put(Integer.parseInt(m.group(2)), p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        List<VersionedSchema> versions = new ArrayList<>(files.size());
        int expected = 1;
        for (var entry : files.entrySet()) {
            if (entry.getKey() != expected) {
                throw new IllegalStateException("bad config: " + file(domain, event, expected) + " is missing but "
                        + entry.getValue().getFileName() + " exists; versions must be numbered 1, 2, 3... without gaps"
                        + " (restore the missing file from git)");
            }
            versions.add(new VersionedSchema(domain, event, entry.getKey(), read(entry.getValue()), entry.getValue()));
            expected++;
        }
        return versions;
    }

    public Optional<VersionedSchema> latest(String domain, String event) {
        List<VersionedSchema> versions = versions(domain, event);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** {@code domain/event} names that have files, for reporting files whose event left the config. */
    public List<String> committedEvents() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> events = new ArrayList<>();
        try (Stream<Path> domains = Files.list(root)) {
            for (Path domainDir : domains.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(domainDir)) {
                    files.map(p -> FILE_NAME.matcher(p.getFileName().toString()))
                            .filter(Matcher::matches)
                            .map(m -> domainDir.getFileName() + "/" + m.group(1))
                            .distinct().sorted().forEach(events::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return events;
    }

    /** Writes a new version; refuses to overwrite an existing file. */
    public VersionedSchema write(String domain, String event, int version, Schema schema) {
        Path file = file(domain, event, version);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("bug: refusing to overwrite committed schema version " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new VersionedSchema(domain, event, version, schema, file);
    }

    private static Schema read(Path file) {
        try {
            return new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (SchemaParseException e) {
            throw new IllegalStateException("bad config: " + file + " is not a valid Avro schema: " + e.getMessage()
                    + " (committed versions must never be edited; restore it from git)", e);
        }
    }
}
