package com.acme.payouts.payee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTest {

    @Test
    void bsbShowsOnlyTheLastTwoDigits() {
        assertThat(Masking.bsb("062-000")).isEqualTo("***-*00");
        assertThat(Masking.bsb("062000")).isEqualTo("****00");
    }

    @ParameterizedTest
    @CsvSource({
        "12345678, ****5678",
        "1234567890123456789012345678, ****5678",
        "1234567, ****567",
        "123456, ***456",
        "12345, ***45",
        "1234, ***34",
        "123, ***",
        "1, ***",
    })
    void accountNumberShowsAtMostFourDigitsAndNeverMoreThanHalf(String accountNumber, String expected) {
        assertThat(Masking.accountNumber(accountNumber)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "Jane Citizen, J*** C******",
        "'  Jane   Q  Citizen ', J*** Q C******",
        "Zoë, Z**",
        "Acme Pty Ltd, A*** P** L**",
    })
    void nameKeepsInitialsAndWordCount(String name, String expected) {
        assertThat(Masking.name(name)).isEqualTo(expected);
    }

    @Test
    void emailKeepsFirstLetterAndDomain() {
        assertThat(Masking.email("jane@example.com")).isEqualTo("j***@example.com");
        assertThat(Masking.email("j@example.com")).isEqualTo("***@example.com");
        assertThat(Masking.email("not-an-email")).doesNotContain("email");
    }

    @Test
    void phoneKeepsMobilePrefixAndLastThreeDigits() {
        assertThat(Masking.phone("+61-412345678")).isEqualTo("+61-4*****678");
    }

    @Test
    void businessNumbersShowOnlyTheLastThreeDigits() {
        assertThat(Masking.payId(PayIdType.ABN, "51824753556")).isEqualTo("***556");
        assertThat(Masking.payId(PayIdType.ACN, "005749986")).isEqualTo("***986");
        assertThat(Masking.payId(PayIdType.ORGANISATION_ID, "ACME-PAYROLL")).isEqualTo("***OLL");
        assertThat(Masking.payId(PayIdType.ORGANISATION_ID, "ABCD")).isEqualTo("***CD");
    }

    @Test
    void payIdUsesTheRuleOfItsType() {
        assertThat(Masking.payId(PayIdType.EMAIL, "jane@example.com")).isEqualTo("j***@example.com");
        assertThat(Masking.payId(PayIdType.PHONE_NUMBER, "+61-412345678")).isEqualTo("+61-4*****678");
        assertThat(Masking.payId(null, "secret")).isEqualTo("***");
    }

    @Test
    void nullStaysNull() {
        assertThat(Masking.bsb(null)).isNull();
        assertThat(Masking.accountNumber(null)).isNull();
        assertThat(Masking.name(null)).isNull();
        assertThat(Masking.email(null)).isNull();
        assertThat(Masking.phone(null)).isNull();
        assertThat(Masking.payId(PayIdType.ABN, null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", " ", "@", "@@", "-", "a", "12", "+61-4", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"})
    void oddInputNeverThrowsAndShortValuesAreFullyStarred(String odd) {
        assertThatCode(() -> {
                    Masking.bsb(odd);
                    Masking.accountNumber(odd);
                    Masking.name(odd);
                    Masking.email(odd);
                    Masking.phone(odd);
                    for (PayIdType type : PayIdType.values()) {
                        Masking.payId(type, odd);
                    }
                })
                .doesNotThrowAnyException();
        if (odd.strip().length() < 4) {
            assertThat(Masking.accountNumber(odd)).isEqualTo("***");
            assertThat(Masking.payId(PayIdType.ORGANISATION_ID, odd)).isEqualTo("***");
        }
    }

    @Test
    void neverSplitsASurrogatePair() {
        String masked = Masking.payId(PayIdType.ORGANISATION_ID, "org\uD83D\uDE00\uD83D\uDE00");
        assertThat(masked).isEqualTo("***\uD83D\uDE00");
        assertThat(masked.codePoints()).noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }
}
