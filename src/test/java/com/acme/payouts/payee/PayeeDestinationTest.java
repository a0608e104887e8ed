package com.acme.payouts.payee;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayeeDestinationTest {

    private final BankAccountDestination account = new BankAccountDestination("062-000", "98765432", "Canary Person");
    private final PayIdDestination payId = new PayIdDestination(PayIdType.EMAIL, "canary@example.com", "Canary Person");

    @Test
    void toStringNeverShowsPlainValues() {
        assertThat(account.toString())
                .doesNotContain("062-000", "98765432", "Canary", "Person")
                .contains("***-*00", "****5432", "C***** P*****");
        assertThat(payId.toString())
                .doesNotContain("canary@", "Canary", "Person")
                .contains("Email", "c***@example.com");
    }

    @Test
    void maskedHoldsOnlyMaskedValuesAndNullsWhereNotApplicable() {
        assertThat(account.masked())
                .isEqualTo(new MaskedDestination(
                        PayeeType.BANK_ACCOUNT, "***-*00", "****5432", null, null, "C***** P*****"));
        assertThat(payId.masked())
                .isEqualTo(new MaskedDestination(
                        PayeeType.PAYID, null, null, "Email", "c***@example.com", "C***** P*****"));
    }

    @Test
    void typeFollowsTheRecord() {
        assertThat(account.type()).isEqualTo(PayeeType.BANK_ACCOUNT);
        assertThat(payId.type()).isEqualTo(PayeeType.PAYID);
    }

    @Test
    void payeeInputToStringShowsOnlyPresence() {
        PayeeInput input = new PayeeInput("BANK_ACCOUNT", "062-000", "98765432", "Canary Person", null, " ");
        assertThat(input.toString())
                .doesNotContain("062", "98765432", "Canary")
                .contains("type=BANK_ACCOUNT", "bsb=<redacted>", "payIdType=<absent>", "payId=<blank>");
        assertThat(new PayeeInput("98765432", null, null, null, "canary@example.com", null).toString())
                .doesNotContain("98765432", "canary");
        assertThat(PayeeInput.forPayId("PhoneNumber", "0412345678", "Canary Person")
                        .toString())
                .contains("payIdType=PhoneNumber")
                .doesNotContain("0412345678");
    }
}
