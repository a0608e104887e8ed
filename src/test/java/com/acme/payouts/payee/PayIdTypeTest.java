package com.acme.payouts.payee;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayIdTypeTest {

    @Test
    void wireNamesAreMonoovasExactSpelling() {
        assertThat(PayIdType.values())
                .extracting(PayIdType::wireName)
                .containsExactly("Email", "PhoneNumber", "ABN", "ACN", "OrganisationId");
    }

    @Test
    void fromWireMatchesExactlyAndCaseSensitively() {
        for (PayIdType type : PayIdType.values()) {
            assertThat(PayIdType.fromWire(type.wireName())).contains(type);
        }
        assertThat(PayIdType.fromWire("email")).isEmpty();
        assertThat(PayIdType.fromWire("EMAIL")).isEmpty();
        assertThat(PayIdType.fromWire("PHONE_NUMBER")).isEmpty();
        assertThat(PayIdType.fromWire(" Email")).isEmpty();
        assertThat(PayIdType.fromWire(null)).isEmpty();
    }
}
