package com.acme.payouts.payee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PayeeBlindIndexTest {

    private static final byte[] KEY = new byte[32];
    private final PayeeBlindIndex index = new PayeeBlindIndex(KEY);
    private final PayeeValidator validator = new PayeeValidator();

    private PayeeDestination normalised(PayeeInput input) {
        return validator.validate(input).destination().orElseThrow();
    }

    @Test
    void equal_destinations_written_differently_index_equally_after_normalisation() {
        String a = index.of("c-1", normalised(PayeeInput.forBankAccount("062000", " 1234 5678 ", "Jane Citizen")));
        String b = index.of("c-1", normalised(PayeeInput.forBankAccount("062-000", "12345678", "JANE  CITIZEN")));
        assertThat(a).isEqualTo(b).startsWith("bi1_").hasSize(4 + 43);
        assertThat(index.of("c-1", normalised(PayeeInput.forPayId("Email", " Jane@Example.COM ", "Jane"))))
                .isEqualTo(index.of("c-1", normalised(PayeeInput.forPayId("Email", "jane@example.com", "J C"))));
        assertThat(index.of("c-1", normalised(PayeeInput.forPayId("PhoneNumber", "0412 345 678", "Jane"))))
                .isEqualTo(index.of("c-1", normalised(PayeeInput.forPayId("PhoneNumber", "+61-412345678", "Jane"))));
        assertThat(index.of("c-1", normalised(PayeeInput.forPayId("ABN", "51 824 753 556", "Jane"))))
                .isEqualTo(index.of("c-1", normalised(PayeeInput.forPayId("ABN", "51824753556", "Jane"))));
    }

    @Test
    void another_customer_account_or_type_indexes_differently() {
        PayeeDestination account = normalised(PayeeInput.forBankAccount("062-000", "12345678", "Jane Citizen"));
        String base = index.of("c-1", account);
        assertThat(index.of("c-2", account)).isNotEqualTo(base);
        assertThat(index.of("c-1", normalised(PayeeInput.forBankAccount("062-000", "12345679", "Jane Citizen"))))
                .isNotEqualTo(base);
        assertThat(index.of("c-1", normalised(PayeeInput.forBankAccount("062-001", "12345678", "Jane Citizen"))))
                .isNotEqualTo(base);
        assertThat(index.of("c-1", normalised(PayeeInput.forPayId("OrganisationId", "062-000 12345678", "Jane"))))
                .isNotEqualTo(base);
    }

    @Test
    void the_index_depends_on_the_key_and_shows_nothing_of_the_destination() {
        PayeeDestination account = normalised(PayeeInput.forBankAccount("062-000", "12345678", "Jane Citizen"));
        byte[] other = new byte[32];
        Arrays.fill(other, (byte) 7);
        assertThat(new PayeeBlindIndex(other).of("c-1", account)).isNotEqualTo(index.of("c-1", account));
        assertThat(index.of("c-1", account)).doesNotContain("12345678", "062", "5678");
        assertThat(index.toString()).doesNotContain("AAAA").contains("redacted");
    }

    @Test
    void a_short_key_is_refused() {
        assertThatThrownBy(() -> new PayeeBlindIndex(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
