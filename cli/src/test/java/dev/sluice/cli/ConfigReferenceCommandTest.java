package dev.sluice.cli;

import dev.sluice.config.ConfigReference;
import dev.sluice.config.SluiceHome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/config-reference.md is what {@code bin/sluice config reference} prints; this fails when a key changed without it. */
class ConfigReferenceCommandTest {

    private static final String COMMITTED = "docs/config-reference.md";

    @Test
    void committedReferenceIsTheGeneratedOne() throws IOException {
        StringWriter out = new StringWriter();
        var cli = SluiceCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("config", "reference"));

        Path committed = SluiceHome.resolve().resolve(COMMITTED);
        String fix = " — run `" + ConfigReference.REGENERATE + "` and commit it";
        assertTrue(Files.isRegularFile(committed), COMMITTED + " is missing" + fix);
        assertEquals(out.toString(), Files.readString(committed), COMMITTED + " differs from the generated reference" + fix);
    }

    @Test
    void rowsShowTypeAndDefault() {
        String reference = ConfigReference.markdown();
        for (String key : new String[] {"`metrics.port` | int | `9464`", "`spark.master` | string | `local[2]`",
                "`aggregations.<aggregation>.measures.<measure>.relativeError` | number | `0.02`",
                "`events.<event>.name` | string | *the map key*", "`kafka.bootstrapServers` | string | *required*",
                "`redis` | mapping | *unset*", "`spark` | mapping | *each key's default*"}) {
            assertTrue(reference.contains("| " + key + " | "), "missing row " + key + " in:\n" + reference);
        }
    }
}
