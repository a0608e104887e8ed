package com.acme.payouts.sandbox;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sandbox must stay a plain-JDK component the application can wire however it likes. */
class SandboxArchitectureTest {

    private static final JavaClasses SANDBOX = importSandbox();

    /**
     * Dependencies are judged by their names, so ArchUnit need not load every JDK and Jackson class
     * they point to; that resolution made this test take seconds. The global switch is restored.
     */
    private static JavaClasses importSandbox() {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            // Import the package's class folder directly instead of scanning every jar for it
            Path classes = Path.of(MonoovaSandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(classes.resolve("com/acme/payouts/sandbox"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void usesNeitherSpringNorCamel() {
        assertThat(SANDBOX).extracting(JavaClass::getSimpleName).contains("MonoovaSandbox", "PayoutBook");
        noClasses()
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..")
                .check(SANDBOX);
    }

    @Test
    void dependsOnNothingElseOfTheApplication() {
        noClasses()
                .should().dependOnClassesThat(resideInAPackage("com.acme.payouts..")
                        .and(not(resideInAPackage("com.acme.payouts.sandbox.."))))
                .check(SANDBOX);
    }
}
