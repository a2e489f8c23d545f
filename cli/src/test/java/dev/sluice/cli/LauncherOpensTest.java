package dev.sluice.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/sluice repeats the pom's spark.java.opens (bash cannot read the pom cheaply); this keeps the copies equal. */
class LauncherOpensTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void binSluiceUsesTheSameOpensAsThePom() throws IOException {
        String pom = Files.readString(REPO.resolve("pom.xml"));
        Matcher property = Pattern.compile("<spark\\.java\\.opens>(.*?)</spark\\.java\\.opens>", Pattern.DOTALL).matcher(pom);
        assertTrue(property.find(), "no <spark.java.opens> in pom.xml");
        List<String> fromPom = List.of(property.group(1).trim().split("\\s+"));

        String launcher = Files.readString(REPO.resolve("bin").resolve("sluice"));
        Matcher array = Pattern.compile("SPARK_JAVA_OPENS=\\((.*?)\\)", Pattern.DOTALL).matcher(launcher);
        assertTrue(array.find(), "no SPARK_JAVA_OPENS=( ... ) in bin/sluice");
        List<String> fromLauncher = List.of(array.group(1).trim().split("\\s+"));

        assertEquals(fromPom, fromLauncher, "bin/sluice's SPARK_JAVA_OPENS differ from <spark.java.opens> in pom.xml");
    }
}
