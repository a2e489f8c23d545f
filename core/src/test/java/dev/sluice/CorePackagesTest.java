package dev.sluice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sluice.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering of core: no package cycles; config at the bottom; the ClickHouse access (connection, SQL,
 * tables) under the writer, the writer under the batch ledger; the registry client under schema registration.
 */
class CorePackagesTest {

    /** This module's main classes only (its target/classes or jar, whatever else is on the test classpath). */
    private static final JavaClasses CLASSES = importModuleOf(ConfigLoader.class);

    @Test
    void noPackageCycles() {
        slices().matching("dev.sluice.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /** Config is read by everything and reads only its secrets backends. */
    @Test
    void configDependsOnlyOnSecrets() {
        classes().that().resideInAPackage("dev.sluice.config..").should().onlyDependOnClassesThat(
                resideOutsideOfPackage("dev.sluice..").or(resideInAnyPackage("dev.sluice.config..", "dev.sluice.secrets.."))).check(CLASSES);
    }

    /** The connection, SQL and table contract know nothing of what is built on them. */
    @Test
    void clickHouseAccessKnowsNoWriterLedgerOrDdl() {
        noClasses().that().resideInAPackage("dev.sluice.clickhouse").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sluice.clickhouse.write..", "dev.sluice.clickhouse.ledger..", "dev.sluice.clickhouse.ddl..").check(CLASSES);
    }

    /** The ledger records batches through the writer, never the other way. */
    @Test
    void writerKnowsNoLedger() {
        noClasses().that().resideInAPackage("dev.sluice.clickhouse.write..").should().dependOnClassesThat()
                .resideInAPackage("dev.sluice.clickhouse.ledger..").check(CLASSES);
    }

    /** Schema registration uses the registry client; the client knows no schema generation. */
    @Test
    void registryClientKnowsNoSchemaGeneration() {
        noClasses().that().resideInAPackage("dev.sluice.registry..").should().dependOnClassesThat().resideInAPackage("dev.sluice.schema..").check(CLASSES);
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
