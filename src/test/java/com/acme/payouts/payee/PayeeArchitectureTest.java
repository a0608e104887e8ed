package com.acme.payouts.payee;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PayeeArchitectureTest {

    private static final JavaClasses PAYEE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.acme.payouts.payee");

    @Test
    void payeeCodeUsesNoFrameworkOrAwsClient() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.camel..", "software.amazon.awssdk..")
                .check(PAYEE);
    }

    @Test
    void encryptionLibrariesStayInsideCrypto() {
        noClasses()
                .that()
                .resideOutsideOfPackage("com.acme.payouts.payee.crypto..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.amazonaws.encryptionsdk..", "software.amazon.cryptography..")
                .check(PAYEE);
    }
}
