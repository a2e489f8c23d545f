package dev.sluice.clickhouse.ddl;

import dev.sluice.clickhouse.ServerCapabilities;
import dev.sluice.clickhouse.ShippedConfig;
import dev.sluice.config.SluiceConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** clickhouse/ddl/ is generated from the config; this fails when someone changes one without the other. */
class CommittedDdlFilesTest {

    private static final String FIX = " — run `bin/sluice ddl generate` and commit clickhouse/ddl/";

    @Test
    void committedFilesMatchTheConfig() throws IOException {
        SluiceConfig config = ShippedConfig.load("dev");
        DdlGenerator generator = new DdlGenerator(config.platform().clickhouse().database(), null, ServerCapabilities.CURRENT);
        Map<String, String> expected = new DdlFiles(generator, new SchemaCatalog(ServerCapabilities.CURRENT)).render(config.domains().values());
        Path root = ShippedConfig.REPO.resolve(DdlFiles.DEFAULT_DIRECTORY);
        Set<String> committed = new TreeSet<>();
        if (Files.isDirectory(root)) {
            try (var paths = Files.walk(root)) {
                paths.filter(p -> p.toString().endsWith(".sql")).forEach(p -> committed.add(root.relativize(p).toString().replace('\\', '/')));
            }
        }
        assertEquals(new TreeSet<>(expected.keySet()), committed, "the set of DDL files differs from the config" + FIX);
        for (Map.Entry<String, String> file : expected.entrySet()) {
            String actual = Files.readString(root.resolve(file.getKey()));
            if (!actual.equals(file.getValue())) {
                fail(file.getKey() + " is out of date" + FIX + "\n--- expected ---\n" + file.getValue() + "\n--- committed ---\n" + actual);
            }
        }
    }
}
