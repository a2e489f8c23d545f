package dev.sluice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sluice.generate.EventGenerator;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering of the generator: no package cycles; the event model (generate) under encoding, the run
 * and the Kafka sink.
 */
class GeneratorPackagesTest {

    /** This module's main classes only (its target/classes or jar, whatever else is on the test classpath). */
    private static final JavaClasses CLASSES = importModuleOf(EventGenerator.class);

    @Test
    void noPackageCycles() {
        slices().matching("dev.sluice.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /** Events are generated without knowing how they are encoded, run or sent. */
    @Test
    void eventsKnowNoEncodingRunOrKafka() {
        noClasses().that().resideInAPackage("dev.sluice.generate").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sluice.generate.encode..", "dev.sluice.generate.run..", "dev.sluice.generate.kafka..").check(CLASSES);
    }

    private static JavaClasses importModuleOf(Class<?> anchor) {
        try {
            return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
