package dev.sluice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sluice.cli.SluiceCli;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering of the command line: no package cycles; the root command (dev.sluice.cli) on top of the
 * command groups and the bench, which share cli.shared and never reach back to the root.
 */
class CliPackagesTest {

    /** This module's main classes only (its target/classes or jar, whatever else is on the test classpath). */
    private static final JavaClasses CLASSES = importModuleOf(SluiceCli.class);

    @Test
    void noPackageCycles() {
        slices().matching("dev.sluice.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /** Only the root package names every command; the rest never depends on it. */
    @Test
    void nothingReachesBackToTheRootCommand() {
        noClasses().that().resideOutsideOfPackage("dev.sluice.cli").should().dependOnClassesThat().resideInAPackage("dev.sluice.cli").check(CLASSES);
    }

    /** What every command shares depends on no command. */
    @Test
    void sharedKnowsNoCommand() {
        noClasses().that().resideInAPackage("dev.sluice.cli.shared..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sluice.cli", "dev.sluice.cli.chaos..", "dev.sluice.cli.features..", "dev.sluice.cli.stack..",
                        "dev.sluice.cli.status..", "dev.sluice.cli.scratch..", "dev.sluice.bench..").check(CLASSES);
    }

    /** The bench is library code that BenchCommand calls. */
    @Test
    void benchKnowsNoCommand() {
        noClasses().that().resideInAPackage("dev.sluice.bench..").should().dependOnClassesThat().resideInAPackage("dev.sluice.cli..").check(CLASSES);
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
