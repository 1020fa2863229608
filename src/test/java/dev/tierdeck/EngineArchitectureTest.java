package dev.tierdeck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is pure Java: the CLI runs it without Spring, and other tools may embed it. */
class EngineArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tierdeck.engine");

    @Test
    void engineDependsOnlyOnTheJdkAndJackson() {
        classes()
                .that()
                .resideInAPackage("dev.tierdeck.engine..")
                // the module declaration (package-info) carries Spring Modulith's metadata annotation
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.tierdeck.engine..", "java..", "javax.annotation..", "tools.jackson..", "org.jspecify..")
                .because("the engine must stay free of Spring, Jakarta and fabric8 (it runs in the CLI)")
                .check(ENGINE);
    }

    @Test
    void theFlowFileReaderDoesNotTouchSpring() {
        classes()
                .that()
                .resideInAPackage("dev.tierdeck.flow.format..")
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.tierdeck.flow..",
                        "dev.tierdeck.engine.text..",
                        "java..",
                        "tools.jackson..",
                        "org.jspecify..")
                .because("the CLI validates flow files with it, without a Spring context")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.tierdeck.flow.format"));
    }

    @Test
    void cliDoesNotTouchSpring() {
        classes()
                .that()
                .resideInAPackage("dev.tierdeck.cli..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.tierdeck.cli..",
                        "dev.tierdeck.engine..",
                        // the flow file reader is plain Java, shared with the portal's import
                        "dev.tierdeck.flow.format..",
                        "java..",
                        "tools.jackson..",
                        "org.jspecify..")
                .because("the CLI starts without a Spring context")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.tierdeck.cli"));
    }
}
