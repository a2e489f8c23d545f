package dev.sluice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sluice.spark.StreamingJobMain;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering of the Spark jobs: no package cycles; compile and decode at the bottom, the sink (and its
 * online half) on them, the streaming job (spark), replay and observe on top.
 */
class SparkJobsPackagesTest {

    /** This module's main classes only (its target/classes or jar, whatever else is on the test classpath). */
    private static final JavaClasses CLASSES = importModuleOf(StreamingJobMain.class);

    @Test
    void noPackageCycles() {
        slices().matching("dev.sluice.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /** Compiling an aggregation needs its config only. */
    @Test
    void compileKnowsNoOtherStep() {
        noClasses().that().resideInAPackage("dev.sluice.compile..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sluice.decode..", "dev.sluice.sink..", "dev.sluice.spark..", "dev.sluice.replay..", "dev.sluice.observe..").check(CLASSES);
    }

    /** Decoding knows nothing of where rows go or which job runs it. */
    @Test
    void decodeKnowsNoSinkOrJob() {
        noClasses().that().resideInAPackage("dev.sluice.decode..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sluice.sink..", "dev.sluice.spark..", "dev.sluice.replay..", "dev.sluice.observe..").check(CLASSES);
    }

    /** The sink serves the streaming job and replay alike, so it knows neither, nor a command. */
    @Test
    void sinkKnowsNoJobOrCommand() {
        noClasses().that().resideInAPackage("dev.sluice.sink..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sluice.spark..", "dev.sluice.replay..", "dev.sluice.observe..", "dev.sluice.cli..", "dev.sluice.bench..").check(CLASSES);
    }

    /** Metrics and console watch the job; the job wires them in, not the other way. */
    @Test
    void observeKnowsNoJob() {
        noClasses().that().resideInAPackage("dev.sluice.observe..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sluice.spark..", "dev.sluice.replay..").check(CLASSES);
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
