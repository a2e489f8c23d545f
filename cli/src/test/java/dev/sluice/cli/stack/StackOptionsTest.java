package dev.sluice.cli.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the data dir and each port come from: option, then environment, then what `up` recorded, then default. */
class StackOptionsTest {

    @TempDir
    Path home;

    @Test
    void defaultsLiveUnderTheRepositoryAndAvoidSystemPorts() throws IOException {
        StackLayout layout = options(Map.of("SLUICE_HOME", repo().toString())).layout();

        assertEquals(home.resolve("var").resolve("stack"), layout.dataDir());
        assertEquals(StackPorts.DEFAULTS, layout.ports());
        assertEquals(new StackPorts(19092, 19093, 18081, 18123, 19000, 19009, 16379), layout.ports());
    }

    @Test
    void optionBeatsEnvironmentBeatsRecordedBeatsDefault() throws IOException {
        Path dataDir = home.resolve("elsewhere");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("ports.properties"), "kafka.port=29092\nregistry.port=28081\nclickhouse.http.port=28123\n");
        StackOptions options = options(Map.of(
                "SLUICE_HOME", repo().toString(),
                "SLUICE_STACK_DIR", dataDir.toString(),
                "SLUICE_STACK_KAFKA_PORT", "39092",
                "SLUICE_STACK_REGISTRY_PORT", "38081",
                "SLUICE_STACK_REDIS_PORT", "36379"));
        options.kafkaPort = 49092;

        StackLayout layout = options.layout();

        assertEquals(dataDir, layout.dataDir());
        assertEquals(49092, layout.ports().kafka(), "option");
        assertEquals(38081, layout.ports().registry(), "environment");
        assertEquals(28123, layout.ports().clickHouseHttp(), "recorded by the last up");
        assertEquals(19000, layout.ports().clickHouseNative(), "default");
        assertEquals(36379, layout.ports().redis(), "environment");
    }

    @Test
    void dataDirOptionBeatsEnvironment() throws IOException {
        StackOptions options = options(Map.of("SLUICE_HOME", repo().toString(), "SLUICE_STACK_DIR", "/nowhere"));
        options.dataDir = home.resolve("mine");

        assertEquals(home.resolve("mine"), options.layout().dataDir());
    }

    @Test
    void badPortsAndMissingHomeAreExplained() throws IOException {
        StackException notANumber = assertThrows(StackException.class,
                () -> options(Map.of("SLUICE_HOME", repo().toString(), "SLUICE_STACK_KAFKA_PORT", "kafka")).layout());
        assertTrue(notANumber.getMessage().contains("SLUICE_STACK_KAFKA_PORT=kafka"), notANumber.getMessage());

        StackOptions outOfRange = options(Map.of("SLUICE_HOME", repo().toString()));
        outOfRange.registryPort = 70000;
        assertTrue(assertThrows(StackException.class, outOfRange::layout).getMessage().contains("--registry-port=70000"));

        String previous = System.clearProperty("sluice.home");
        try {
            StackException noHome = assertThrows(StackException.class, () -> options(Map.of()).layout());
            assertTrue(noHome.getMessage().contains("bin/sluice"), noHome.getMessage());
        } finally {
            if (previous != null) {
                System.setProperty("sluice.home", previous);
            }
        }
    }

    private StackOptions options(Map<String, String> env) {
        return new StackOptions(env);
    }

    private Path repo() throws IOException {
        Files.createDirectories(home.resolve("stack"));
        Files.writeString(home.resolve("stack").resolve("pom.xml"), "<project/>");
        return home;
    }
}
