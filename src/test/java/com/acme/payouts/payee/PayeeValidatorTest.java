package com.acme.payouts.payee;

import com.acme.payouts.support.FieldError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PayeeValidatorTest {

    private static final String NAME = "Jane Citizen";

    private final PayeeValidator validator = new PayeeValidator();

    private PayeeDestination valid(PayeeInput input) {
        ValidationResult result = validator.validate(input);
        assertThat(result.errors()).isEmpty();
        assertThat(result.isValid()).isTrue();
        return result.destination().orElseThrow();
    }

    private List<FieldError> invalid(PayeeInput input) {
        ValidationResult result = validator.validate(input);
        assertThat(result.isValid()).isFalse();
        assertThat(result.destination()).isEmpty();
        assertThat(result.errors()).isNotEmpty();
        return result.errors();
    }

    private static void assertSingleError(List<FieldError> errors, String field, String code) {
        assertThat(errors).extracting(FieldError::field, FieldError::code).containsExactly(tuple(field, code));
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    @Nested
    class Type {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void isRequired(String type) {
            assertSingleError(
                    invalid(new PayeeInput(type, "062-000", "12345678", NAME, null, null)),
                    "type",
                    FieldError.REQUIRED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"bank_account", "BANK", "PayID", "EMAIL"})
        void mustBeOneOfTheTwo(String type) {
            assertSingleError(
                    invalid(new PayeeInput(type, "062-000", "12345678", NAME, null, null)),
                    "type",
                    FieldError.INVALID_FORMAT);
        }

        @Test
        void surroundingWhitespaceIsTolerated() {
            assertThat(valid(new PayeeInput(" BANK_ACCOUNT ", "062-000", "12345678", NAME, null, null))
                            .type())
                    .isEqualTo(PayeeType.BANK_ACCOUNT);
        }

        @Test
        void fieldsOfTheOtherTypeAreRefused() {
            assertThat(invalid(new PayeeInput("BANK_ACCOUNT", "062-000", "12345678", NAME, "Email", "a@b.co")))
                    .extracting(FieldError::field, FieldError::code)
                    .containsExactly(
                            tuple("payIdType", FieldError.NOT_APPLICABLE), tuple("payId", FieldError.NOT_APPLICABLE));
            assertThat(invalid(new PayeeInput("PAYID", "062-000", "12345678", NAME, "Email", "a@b.co")))
                    .extracting(FieldError::field, FieldError::code)
                    .containsExactly(
                            tuple("bsb", FieldError.NOT_APPLICABLE), tuple("accountNumber", FieldError.NOT_APPLICABLE));
        }

        @Test
        void blankFieldsOfTheOtherTypeCountAsAbsent() {
            valid(new PayeeInput("BANK_ACCOUNT", "062-000", "12345678", NAME, "", " "));
        }
    }

    @Nested
    class Bsb {

        @ParameterizedTest
        @CsvSource({"062-000, 062-000", "062000, 062-000", "'  062-000  ', 062-000", "' 062000\t', 062-000"})
        void isNormalisedToNnnDashNnn(String raw, String expected) {
            BankAccountDestination destination =
                    (BankAccountDestination) valid(PayeeInput.forBankAccount(raw, "12345678", NAME));
            assertThat(destination.bsb()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"062-00", "0620000", "062 000", "06-2000", "062-00a", "062--000", "０６２-０００", "062-0000"})
        void refusesOtherShapes(String raw) {
            assertSingleError(
                    invalid(PayeeInput.forBankAccount(raw, "12345678", NAME)), "bsb", FieldError.INVALID_FORMAT);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" "})
        void isRequired(String raw) {
            assertSingleError(invalid(PayeeInput.forBankAccount(raw, "12345678", NAME)), "bsb", FieldError.REQUIRED);
        }
    }

    @Nested
    class AccountNumber {

        @ParameterizedTest
        @CsvSource({
            "12345678, 12345678",
            "' 1234 5678 ', 12345678",
            "12-345-678, 12345678",
            "1, 1",
            "0012345, 0012345",
            "1234567890123456789012345678, 1234567890123456789012345678",
        })
        void isDigitsOnlyUpToTheNppLimit(String raw, String expected) {
            BankAccountDestination destination =
                    (BankAccountDestination) valid(PayeeInput.forBankAccount("062-000", raw, NAME));
            assertThat(destination.accountNumber()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1234567a", "12.345.678", "12_345", "１２３４", "-", "12\t34"})
        void refusesNonDigits(String raw) {
            assertSingleError(
                    invalid(PayeeInput.forBankAccount("062-000", raw, NAME)),
                    "accountNumber",
                    FieldError.INVALID_FORMAT);
        }

        @Test
        void refusesMoreThan28Digits() {
            assertSingleError(
                    invalid(PayeeInput.forBankAccount("062-000", "12345678901234567890123456789", NAME)),
                    "accountNumber",
                    FieldError.INVALID_LENGTH);
        }

        @ParameterizedTest
        @NullAndEmptySource
        void isRequired(String raw) {
            assertSingleError(
                    invalid(PayeeInput.forBankAccount("062-000", raw, NAME)), "accountNumber", FieldError.REQUIRED);
        }
    }

    @Nested
    class AccountName {

        @ParameterizedTest
        @CsvSource({
            "Jane Citizen, Jane Citizen",
            "'  Jane \t  Citizen  ', Jane Citizen",
            "Jo, Jo",
            "'Zoë Ng-O''Brien', Zoë Ng-O'Brien",
            "'Jane\u00a0Citizen', Jane Citizen",
        })
        void isTrimmedAndCollapsed(String raw, String expected) {
            assertThat(valid(PayeeInput.forBankAccount("062-000", "12345678", raw))
                            .accountName())
                    .isEqualTo(expected);
        }

        @Test
        void acceptsExactly140Characters() {
            assertThat(valid(PayeeInput.forBankAccount("062-000", "12345678", "a".repeat(140)))
                            .accountName())
                    .hasSize(140);
        }

        @ParameterizedTest
        @ValueSource(strings = {"J", " J ", "x"})
        void refusesFewerThanTwoCharacters(String raw) {
            assertSingleError(
                    invalid(PayeeInput.forBankAccount("062-000", "12345678", raw)),
                    "accountName",
                    FieldError.INVALID_LENGTH);
        }

        @Test
        void refusesMoreThan140Characters() {
            assertSingleError(
                    invalid(PayeeInput.forBankAccount("062-000", "12345678", "a".repeat(141))),
                    "accountName",
                    FieldError.INVALID_LENGTH);
        }

        @Test
        void refusesControlCharacters() {
            assertSingleError(
                    invalid(PayeeInput.forBankAccount("062-000", "12345678", "Jane\u0000Citizen")),
                    "accountName",
                    FieldError.INVALID_FORMAT);
        }

        @ParameterizedTest
        @NullAndEmptySource
        void isRequiredForBothTypes(String raw) {
            assertSingleError(
                    invalid(PayeeInput.forBankAccount("062-000", "12345678", raw)), "accountName", FieldError.REQUIRED);
            assertSingleError(
                    invalid(PayeeInput.forPayId("Email", "jane@example.com", raw)), "accountName", FieldError.REQUIRED);
        }

        @Test
        void payIdPayeesNeedTwoCharactersToo() {
            assertSingleError(
                    invalid(PayeeInput.forPayId("Email", "jane@example.com", "J")),
                    "accountName",
                    FieldError.INVALID_LENGTH);
        }
    }

    @Nested
    class PayIdTypeField {

        @ParameterizedTest
        @NullAndEmptySource
        void isRequired(String raw) {
            assertSingleError(
                    invalid(PayeeInput.forPayId(raw, "jane@example.com", NAME)), "payIdType", FieldError.REQUIRED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"email", "EMAIL", "Phone", "PHONE_NUMBER", "Abn", "BSB"})
        void mustBeAMonoovaWireName(String raw) {
            assertSingleError(
                    invalid(PayeeInput.forPayId(raw, "jane@example.com", NAME)),
                    "payIdType",
                    FieldError.INVALID_FORMAT);
        }

        @Test
        void payIdIsRequired() {
            assertSingleError(invalid(PayeeInput.forPayId("Email", " ", NAME)), "payId", FieldError.REQUIRED);
        }
    }

    @Nested
    class Email {

        @ParameterizedTest
        @CsvSource({
            "jane@example.com, jane@example.com",
            "' Jane.Citizen@Example.COM ', jane.citizen@example.com",
            "jane+payouts@mail.example.com.au, jane+payouts@mail.example.com.au",
            "j@e.co, j@e.co",
            "o'brien@xn--bcher-kva.example, o'brien@xn--bcher-kva.example",
        })
        void isLowerCasedAndTrimmed(String raw, String expected) {
            PayIdDestination destination = (PayIdDestination) valid(PayeeInput.forPayId("Email", raw, NAME));
            assertThat(destination.payIdType()).isEqualTo(PayIdType.EMAIL);
            assertThat(destination.payId()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "jane",
                    "@example.com",
                    "jane@",
                    "jane@example",
                    "jane@@example.com",
                    "jane@ex@ample.com",
                    "ja ne@example.com",
                    "jane@exa mple.com",
                    "jane@.example.com",
                    "jane@example..com",
                    "jane@-example.com",
                    "jane@example.com.",
                    "jane@exam_ple.com",
                    "ja\u0001ne@example.com"
                })
        void refusesMalformedAddresses(String raw) {
            assertSingleError(invalid(PayeeInput.forPayId("Email", raw, NAME)), "payId", FieldError.INVALID_FORMAT);
        }

        @Test
        void refusesLocalPartsLongerThan64() {
            assertSingleError(
                    invalid(PayeeInput.forPayId("Email", "a".repeat(65) + "@example.com", NAME)),
                    "payId",
                    FieldError.INVALID_FORMAT);
        }

        @Test
        void acceptsUpTo256AndRefusesLonger() {
            String domain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
            String at256 = "jj@" + domain;
            assertThat(at256).hasSize(256);
            assertThat(((PayIdDestination) valid(PayeeInput.forPayId("Email", at256, NAME))).payId())
                    .isEqualTo(at256);
            assertSingleError(
                    invalid(PayeeInput.forPayId("Email", "j" + at256, NAME)), "payId", FieldError.INVALID_LENGTH);
        }
    }

    @Nested
    class PhoneNumber {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "0412 345 678",
                    "0412345678",
                    "+61412345678",
                    "+61 412 345 678",
                    "61412345678",
                    "+61-412345678",
                    " 0412-345-678 "
                })
        void acceptsAustralianMobilesAndNormalises(String raw) {
            PayIdDestination destination = (PayIdDestination) valid(PayeeInput.forPayId("PhoneNumber", raw, NAME));
            assertThat(destination.payId()).isEqualTo("+61-412345678");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"02 9876 5432", "0398765432", "+61 2 9876 5432", "+61-398765432", "0898765432", "0798765432"
                })
        void refusesLandlines(String raw) {
            List<FieldError> errors = invalid(PayeeInput.forPayId("PhoneNumber", raw, NAME));
            assertSingleError(errors, "payId", FieldError.INVALID_FORMAT);
            assertThat(errors.get(0).message()).contains("landline");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "+64 21 123 4567",
                    "+44 7700 900123",
                    "+1 415 555 0100",
                    "041234567",
                    "04123456789",
                    "412345678",
                    "+610412345678",
                    "0412 345 67a",
                    "(04) 1234 5678",
                    "+61-4123456789",
                    "++61412345678"
                })
        void refusesOtherCountriesAndShapes(String raw) {
            assertSingleError(
                    invalid(PayeeInput.forPayId("PhoneNumber", raw, NAME)), "payId", FieldError.INVALID_FORMAT);
        }
    }

    @Nested
    class Abn {

        @ParameterizedTest
        @CsvSource({"51 824 753 556, 51824753556", "51824753556, 51824753556", "' 33 051 775 556 ', 33051775556"})
        void acceptsValidChecksumAndStripsSpaces(String raw, String expected) {
            assertThat(((PayIdDestination) valid(PayeeInput.forPayId("ABN", raw, NAME))).payId())
                    .isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"51 824 753 557", "12 345 678 901", "01 824 753 556"})
        void refusesBadChecksum(String raw) {
            assertSingleError(invalid(PayeeInput.forPayId("ABN", raw, NAME)), "payId", FieldError.INVALID_CHECKSUM);
        }

        @ParameterizedTest
        @ValueSource(strings = {"51 824 753 55", "51 824 753 5566", "51-824-753-556", "51 824 753 55A"})
        void refusesWrongShape(String raw) {
            assertSingleError(invalid(PayeeInput.forPayId("ABN", raw, NAME)), "payId", FieldError.INVALID_FORMAT);
        }
    }

    @Nested
    class Acn {

        @ParameterizedTest
        @CsvSource({"000 000 019, 000000019", "005 749 986, 005749986", "010499966, 010499966"})
        void acceptsValidCheckDigitAndStripsSpaces(String raw, String expected) {
            assertThat(((PayIdDestination) valid(PayeeInput.forPayId("ACN", raw, NAME))).payId())
                    .isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"000 000 018", "005 749 987", "010 499 965"})
        void refusesBadCheckDigit(String raw) {
            assertSingleError(invalid(PayeeInput.forPayId("ACN", raw, NAME)), "payId", FieldError.INVALID_CHECKSUM);
        }

        @ParameterizedTest
        @ValueSource(strings = {"000 000 01", "0000 000 019", "000-000-019", "00000001X", "51 824 753 556"})
        void refusesWrongShape(String raw) {
            assertSingleError(invalid(PayeeInput.forPayId("ACN", raw, NAME)), "payId", FieldError.INVALID_FORMAT);
        }
    }

    @Nested
    class OrganisationId {

        @ParameterizedTest
        @CsvSource({"ACME-PAYROLL, ACME-PAYROLL", "'  Acme Payroll  ', Acme Payroll", "x, x"})
        void isTrimmedAndKeepsCase(String raw, String expected) {
            assertThat(((PayIdDestination) valid(PayeeInput.forPayId("OrganisationId", raw, NAME))).payId())
                    .isEqualTo(expected);
        }

        @Test
        void acceptsUpTo256AndRefusesLonger() {
            valid(PayeeInput.forPayId("OrganisationId", "o".repeat(256), NAME));
            assertSingleError(
                    invalid(PayeeInput.forPayId("OrganisationId", "o".repeat(257), NAME)),
                    "payId",
                    FieldError.INVALID_LENGTH);
        }

        @Test
        void refusesControlCharacters() {
            assertSingleError(
                    invalid(PayeeInput.forPayId("OrganisationId", "acme\u0007payroll", NAME)),
                    "payId",
                    FieldError.INVALID_FORMAT);
        }
    }

    @Nested
    class Errors {

        @Test
        void reportsEveryProblemAtOnce() {
            assertThat(invalid(PayeeInput.forBankAccount("62-000", "12a", "J")))
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("bsb", "accountNumber", "accountName");
        }

        @Test
        void messagesNeverContainTheSubmittedValue() {
            List<PayeeInput> inputs = List.of(
                    PayeeInput.forBankAccount("9876-54", "98765432x", "C"),
                    new PayeeInput("CANARYTYPE", null, null, "Canary\u0000Person", null, null),
                    PayeeInput.forPayId("Canarytype", "canary@example", "Canary Person"),
                    PayeeInput.forPayId("PhoneNumber", "0298765432", "Canary Person"),
                    PayeeInput.forPayId("ABN", "98765432123", "Canary Person"),
                    PayeeInput.forPayId("ACN", "987654321", "Canary Person"),
                    new PayeeInput("BANK_ACCOUNT", "987-654", "98765432", "Canary Person", "Email", "canary@x.co"));
            for (PayeeInput input : inputs) {
                ValidationResult result = validator.validate(input);
                assertThat(result.errors()).isNotEmpty();
                assertThat(result.errors())
                        .allSatisfy(error -> assertThat(error.message())
                                .doesNotContainIgnoringCase("canary")
                                .doesNotContain("9876", "98765432", "0298765432", "98765432123", "987654321"));
                assertThat(result.toString())
                        .doesNotContainIgnoringCase("canary")
                        .doesNotContain("9876");
            }
        }
    }

    @Nested
    class DirectEntry {

        private BankAccountDestination account(String accountNumber, String accountName) {
            return new BankAccountDestination("062-000", accountNumber, accountName);
        }

        @Test
        void acceptsAccountWithinTheDirectEntryLimits() {
            assertThat(validator.directEntryProblems(account("123456789", "Jane Citizen")))
                    .isEmpty();
            assertThat(validator.directEntryProblems(account("1", "Jo"))).isEmpty();
            assertThat(validator.directEntryProblems(account("1", "J".repeat(32))))
                    .isEmpty();
        }

        @Test
        void refusesPayIds() {
            assertSingleError(
                    validator.directEntryProblems(new PayIdDestination(PayIdType.EMAIL, "jane@example.com", NAME)),
                    "type",
                    FieldError.DIRECT_ENTRY_UNSUPPORTED);
        }

        @Test
        void refusesAccountNumbersLongerThanNineDigits() {
            assertSingleError(
                    validator.directEntryProblems(account("1234567890", NAME)),
                    "accountNumber",
                    FieldError.DIRECT_ENTRY_LENGTH);
        }

        @Test
        void refusesNamesOutsideTwoToThirtyTwo() {
            assertSingleError(
                    validator.directEntryProblems(account("123", "J".repeat(33))),
                    "accountName",
                    FieldError.DIRECT_ENTRY_LENGTH);
            assertSingleError(
                    validator.directEntryProblems(account("123", "J")), "accountName", FieldError.DIRECT_ENTRY_LENGTH);
        }

        @Test
        void acceptsEveryCharacterOfTheDirectEntrySet() {
            String allPunctuation = " .(+$*)^[];-/,%_?:#@'=&!";
            assertThat(validator.directEntryProblems(account("123", "A" + allPunctuation + "z9")))
                    .isEmpty();
            assertThat(validator.directEntryProblems(account("123", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
                    .isEmpty();
            assertThat(validator.directEntryProblems(account("123", "abcdefghijklmnopqrstuvwxyz0123")))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Zoë Citizen",
                    "Jane \"JC\" Citizen",
                    "Jane {Citizen}",
                    "Jane|Citizen",
                    "Jane~Citizen",
                    "Jane\\Citizen",
                    "Jane<Citizen>",
                    "Jane`Citizen",
                    "Jane\tCitizen",
                    "李 Citizen",
                    "Jane && Citizen"
                })
        void refusesCharactersOutsideTheSet(String name) {
            if (name.contains("&&")) {
                // '&' is in the set, so "&&" is allowed; it's here to prove the Java regex didn't turn it into an
                // intersection operator.
                assertThat(validator.directEntryProblems(account("123", name))).isEmpty();
                return;
            }
            assertSingleError(
                    validator.directEntryProblems(account("123", name)),
                    "accountName",
                    FieldError.DIRECT_ENTRY_CHARSET);
        }

        @Test
        void reportsEveryProblemAtOnceWithoutValues() {
            List<FieldError> problems =
                    validator.directEntryProblems(account("98765432109", "Canary Pérson " + "x".repeat(30)));
            assertThat(problems)
                    .extracting(FieldError::field, FieldError::code)
                    .containsExactly(
                            tuple("accountNumber", FieldError.DIRECT_ENTRY_LENGTH),
                            tuple("accountName", FieldError.DIRECT_ENTRY_LENGTH),
                            tuple("accountName", FieldError.DIRECT_ENTRY_CHARSET));
            assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("Canary", "98765432109"));
        }
    }
}
