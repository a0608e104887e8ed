package com.acme.payouts.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masks_account_numbers_phone_numbers_and_emails() {
        assertThat(Redaction.scrub("Invalid account 12345678 for jane@example.com"))
                .isEqualTo("Invalid account ***678 for ***@***")
                .doesNotContain("12345678");
        assertThat(Redaction.scrub("call 0412 345 678")).doesNotContain("345 678").contains("***678");
    }

    @Test
    void keeps_dates_codes_and_short_numbers() {
        assertThat(Redaction.scrub("Debit Transaction was Dishonoured on the 2020-06-05"))
                .isEqualTo("Debit Transaction was Dishonoured on the 2020-06-05");
        assertThat(Redaction.scrub("InvalidBsbNumber at index 0")).isEqualTo("InvalidBsbNumber at index 0");
    }

    @Test
    void bounds_length_and_tolerates_null() {
        assertThat(Redaction.scrub("x".repeat(1000))).hasSizeLessThan(310);
        assertThat(Redaction.scrub(null)).isNull();
    }
}
