package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DdlGenerateCommandTest {

    @TempDir
    Path tmp;

    private int run(StringWriter out, StringWriter err, String... args) {
        var cli = SluiceCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void generatesTheCommittedFiles() throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "ddl", "generate", "--env", "dev", "--out", tmp.toString()));
        Path committed = Path.of("..").toAbsolutePath().normalize().resolve("clickhouse/ddl/payments/01_payments_merchant_fraud_5m.sql");
        assertEquals(Files.readString(committed), Files.readString(tmp.resolve("payments/01_payments_merchant_fraud_5m.sql")));
        assertTrue(out.toString().contains("wrote "), out.toString());
    }

    @Test
    void otherFlavoursNeedAnExplicitDestination() {
        StringWriter err = new StringWriter();
        assertEquals(SluiceCli.EXIT_CONFIG_ERROR, run(new StringWriter(), err, "ddl", "generate", "--server-version", "18.16.1"));
        assertTrue(err.toString().contains("write other flavours with --out DIR or --stdout"), err.toString());
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "ddl", "generate", "--server-version", "18.16.1", "--cluster", "analytics", "--stdout"));
        assertTrue(out.toString().contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/sluice/payments_card_velocity_10m', '{replica}', _version)"));
        assertTrue(out.toString().contains("window_start DateTime('UTC')"));
    }
}
