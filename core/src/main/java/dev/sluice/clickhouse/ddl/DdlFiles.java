package dev.sluice.clickhouse.ddl;

import dev.sluice.config.DomainConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reviewable SQL under {@code clickhouse/ddl/}: {@code _common/} for the database and the shared tables, and
 * {@code <domain>/<NN>_<table>.sql} per aggregation. The files document what {@code ddl apply} creates; apply itself
 * renders the statements for the server it talks to (see {@link #FLAVOUR_NOTE}).
 */
public final class DdlFiles {

    public static final String DEFAULT_DIRECTORY = "clickhouse/ddl";
    static final String COMMON = "_common";

    static final String FLAVOUR_NOTE = """
            -- Flavour: single server, ClickHouse 24.8 or later. `ddl apply` detects the server with SELECT version() and
            -- renders the same tables for it; on 18.16 (the oldest supported) it uses DateTime('UTC') instead of
            -- DateTime64(3, 'UTC'), now() instead of now64(3), String instead of LowCardinality(String), no TTL, and
            -- DROP TABLE + CREATE VIEW instead of CREATE OR REPLACE VIEW. With clickhouse.cluster set it runs everything
            -- ON CLUSTER, keeps the data in ReplicatedReplacingMergeTree tables named <table>_local and puts a
            -- Distributed table under the plain name.
            """;

    private final DdlGenerator generator;
    private final SchemaCatalog catalog;

    public DdlFiles(DdlGenerator generator, SchemaCatalog catalog) {
        this.generator = generator;
        this.catalog = catalog;
    }

    /** Relative path (with forward slashes) to file content, in a stable order. */
    public Map<String, String> render(Collection<DomainConfig> domains) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(COMMON + "/00_database.sql", header("Sluice (shared by all domains)", "The database every Sluice table lives in.")
                + generator.createDatabase() + ";\n");
        List<TableSpec> common = catalog.common();
        for (int i = 0; i < common.size(); i++) {
            files.put(COMMON + "/" + number(i + 1) + "_" + common.get(i).name() + ".sql", tableFile(common.get(i)));
        }
        for (DomainConfig domain : domains) {
            List<TableSpec> tables = catalog.domainTables(domain);
            for (int i = 0; i < tables.size(); i++) {
                files.put(domain.name() + "/" + number(i + 1) + "_" + tables.get(i).name() + ".sql", tableFile(tables.get(i)));
            }
        }
        return files;
    }

    /** Writes the files under {@code directory}, removing stale .sql files of domains and tables no longer configured. */
    public List<Path> write(Path directory, Collection<DomainConfig> domains) {
        Map<String, String> files = render(domains);
        try {
            if (Files.isDirectory(directory)) {
                try (var existing = Files.walk(directory)) {
                    for (Path path : existing.filter(p -> p.toString().endsWith(".sql")).toList()) {
                        String relative = directory.relativize(path).toString().replace('\\', '/');
                        if (!files.containsKey(relative)) {
                            Files.delete(path);
                        }
                    }
                }
            }
            List<Path> written = new java.util.ArrayList<>();
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = directory.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                written.add(path);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the DDL files under " + directory + ": " + e.getMessage(), e);
        }
    }

    String tableFile(TableSpec table) {
        StringBuilder sb = new StringBuilder(header(table.source(), table.description()));
        sb.append(readingNote(table));
        for (String statement : generator.createAll(table)) {
            sb.append('\n').append(statement).append(";\n");
        }
        return sb.toString();
    }

    private static String readingNote(TableSpec table) {
        String identity = String.join(", ", table.orderBy());
        String versionRule = table.versionColumn() == null ? "the row written last" : "the row with the highest " + table.versionColumn();
        return wrap("One row per (" + identity + "): a re-written row replaces the earlier one (" + versionRule + " wins). Read "
                + table.viewName() + ", which returns exactly the current rows; " + table.name()
                + " itself may still hold replaced rows until ClickHouse merges its parts.");
    }

    private static String header(String source, String description) {
        return "-- Generated by `bin/sluice ddl generate` from " + source + ".\n"
                + "-- Do not edit: change the config and regenerate; `bin/sluice ddl apply --env <env>` creates and migrates\n"
                + "-- the live tables.\n"
                + FLAVOUR_NOTE
                + "--\n"
                + wrap(description)
                + "--\n";
    }

    private static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("--");
        for (String word : text.split("\\s+")) {
            if (line.length() + 1 + word.length() > 118) {
                out.append(line).append('\n');
                line = new StringBuilder("--");
            }
            line.append(' ').append(word);
        }
        return out.append(line).append('\n').toString();
    }

    private static String number(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
