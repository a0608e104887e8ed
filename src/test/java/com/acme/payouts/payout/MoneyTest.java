package com.acme.payouts.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void keeps_exactly_two_places() {
        assertThat(Money.aud("125.5").toPlainString()).isEqualTo("125.50");
        assertThat(Money.aud(new BigDecimal("7")).toPlainString()).isEqualTo("7.00");
        assertThat(Money.aud("0.10").plus(Money.aud("0.20"))).isEqualTo(Money.aud("0.30"));
    }

    @Test
    void refuses_fractions_of_a_cent_instead_of_rounding() {
        assertThatThrownBy(() -> Money.aud("1.005")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_other_currencies() {
        assertThatThrownBy(() -> new Money(BigDecimal.ONE, "USD")).isInstanceOf(IllegalArgumentException.class);
    }
}
