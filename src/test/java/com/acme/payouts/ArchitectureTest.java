package com.acme.payouts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Rules for the whole application's main code. The payee package's own rules are in
 * {@code payee.PayeeArchitectureTest}, the sandbox's (no Spring, Camel or other application package)
 * in {@code sandbox.SandboxArchitectureTest}.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = importMainClasses();

    /** Names, not loaded classes, decide these rules: resolving every dependency would take seconds. */
    private static JavaClasses importMainClasses() {
        try {
            Path classes = Path.of(PayoutsApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return withoutResolving(() -> new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(classes.resolve("com/acme/payouts")));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JavaClasses withoutResolving(Supplier<JavaClasses> importer) {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            return importer.get();
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void the_payout_and_funding_domain_uses_no_framework_and_no_aws_client() {
        assertThat(MAIN).extracting(JavaClass::getName)
                .contains("com.acme.payouts.payout.PayoutService", "com.acme.payouts.funding.FundingService");
        noClasses()
                .that().resideInAnyPackage("com.acme.payouts.payout..", "com.acme.payouts.funding..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.camel..", "org.springframework..", "software.amazon.awssdk..", "com.amazonaws..")
                .check(MAIN);
    }

    /**
     * Money is BigDecimal. The only floating-point value in the code base is the sandbox's fault-injection
     * rate (a probability, configured in {@code monoova.sandbox.fault-rate} and passed down to the sandbox's
     * {@code FaultPolicy}).
     */
    static final ArchRule NO_FLOATING_POINT_VALUES = classes()
            .should(notDeclareFloatingPointValues(Set.of(
                    "com.acme.payouts.config.MonoovaProperties$Sandbox",
                    "com.acme.payouts.sandbox.SandboxConfig",
                    "com.acme.payouts.sandbox.SandboxConfig$Builder",
                    "com.acme.payouts.sandbox.FaultPolicy"),
                    "com.acme.payouts.sandbox",
                    "setFaults"))
            .because("money is BigDecimal with an explicit RoundingMode, never double or float");

    @Test
    void no_field_parameter_or_return_value_is_floating_point_outside_the_fault_rate() {
        NO_FLOATING_POINT_VALUES.check(MAIN);
    }

    @Test
    void the_floating_point_rule_catches_a_double_amount() throws URISyntaxException {
        // by its class file: importClasses(Class) would scan the whole class path for it
        Path classFile = Path.of(FloatingAmount.class.getResource("ArchitectureTest$FloatingAmount.class").toURI());
        JavaClasses offender = withoutResolving(() -> new ClassFileImporter().importPath(classFile));
        assertThat(NO_FLOATING_POINT_VALUES.evaluate(offender).getFailureReport().getDetails())
                .anyMatch(d -> d.contains("field") && d.contains("amount"))
                .anyMatch(d -> d.contains("parameter") && d.contains("add"))
                .anyMatch(d -> d.contains("returns") && d.contains("total"));
    }

    /** A class the money rule must refuse. */
    @SuppressWarnings("unused")
    static final class FloatingAmount {
        private Double amount;

        void add(float cents) {}

        double total() {
            return 0;
        }
    }

    @Test
    void beans_get_their_collaborators_through_constructors() throws URISyntaxException {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(MAIN);

        Path classFile = Path.of(FieldInjected.class.getResource("ArchitectureTest$FieldInjected.class").toURI());
        JavaClasses offender = withoutResolving(() -> new ClassFileImporter().importPath(classFile));
        assertThat(GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.evaluate(offender).hasViolation()).isTrue();
    }

    /** A class the field-injection rule must refuse. */
    @SuppressWarnings("unused")
    static final class FieldInjected {
        @org.springframework.beans.factory.annotation.Autowired
        private Object collaborator;
    }

    /**
     * @param allowedClasses classes (with their nested classes) that may hold the fault rate
     * @param allowedMethodPackage where {@code allowedMethod} may take it as a parameter
     */
    private static ArchCondition<JavaClass> notDeclareFloatingPointValues(
            Set<String> allowedClasses, String allowedMethodPackage, String allowedMethod) {
        Set<String> floating = Set.of("double", "float", Double.class.getName(), Float.class.getName());
        return new ArchCondition<>("not declare double or float fields, parameters or return values") {
            @Override
            public void check(JavaClass owner, ConditionEvents events) {
                if (allowed(owner)) {
                    return;
                }
                for (JavaField field : owner.getFields()) {
                    if (floating.contains(field.getRawType().getName())) {
                        events.add(SimpleConditionEvent.violated(field, "field " + field.getFullName() + " is " + field.getRawType().getName()));
                    }
                }
                for (JavaCodeUnit unit : owner.getCodeUnits()) {
                    if (unit.getName().equals(allowedMethod) && owner.getPackageName().equals(allowedMethodPackage)) {
                        continue;
                    }
                    for (JavaClass parameter : unit.getRawParameterTypes()) {
                        if (floating.contains(parameter.getName())) {
                            events.add(SimpleConditionEvent.violated(unit, "parameter of " + unit.getFullName() + " is " + parameter.getName()));
                        }
                    }
                    if (floating.contains(unit.getRawReturnType().getName())) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " returns " + unit.getRawReturnType().getName()));
                    }
                }
            }

            private boolean allowed(JavaClass c) {
                for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
                    if (allowedClasses.contains(k.getName())) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
