package com.acme.payouts.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.NewPayout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.support.MutableClock;
import com.acme.payouts.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayoutMetricsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
    private final EmbeddedPayoutStore store = new EmbeddedPayoutStore(TestDatabase.fresh());
    private final PayoutService payouts = new PayoutService(store, clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private String payout(String key) {
        return payouts.create(new NewPayout(key, "api", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa", "m", Money.aud("1.00"),
                        PayoutMethod.NPP, null))
                .payout()
                .id();
    }

    @Test
    void counts_states_ages_the_oldest_unknown_and_reads_dead_letter_depths() {
        Map<String, Long> depths = Map.of("a-dlq", 3L, "b-dlq", 0L);
        PayoutMetrics metrics = new PayoutMetrics(registry, store, List.of("a-dlq", "b-dlq"), depths::get, clock);
        String stuck = payout("metrics-key-1");
        payouts.claimForSubmission(stuck);
        payouts.apply(stuck, PayoutEvent.OUTCOME_UNKNOWN, "timeout");
        payout("metrics-key-2");
        clock.advance(Duration.ofMinutes(7));

        metrics.refresh();

        assertThat(registry.get("payouts.status.count").tag("status", "UNKNOWN").gauge().value()).isEqualTo(1);
        assertThat(registry.get("payouts.status.count").tag("status", "RECEIVED").gauge().value()).isEqualTo(1);
        assertThat(registry.get("payouts.oldest.age").tag("status", "UNKNOWN").gauge().value()).isEqualTo(420);
        assertThat(registry.get("payouts.oldest.age").tag("status", "SUBMITTED").gauge().value()).isZero();
        assertThat(registry.get("payouts.dlq.depth").tag("queue", "a-dlq").gauge().value()).isEqualTo(3);
        assertThat(registry.find("payouts.status.count").tag("status", "COMPLETED").gauge())
                .as("final states are counted as they happen, never by reading all of history").isNull();
    }

    @Test
    void counts_payouts_as_they_settle_and_only_once() {
        PayoutMetrics metrics = new PayoutMetrics(registry, store, List.of(), q -> 0, clock);
        payouts.onChange(metrics);
        String id = payout("metrics-key-3");
        payouts.claimForSubmission(id);
        payouts.apply(id, PayoutEvent.MONOOVA_ACCEPTED, "accepted");
        payouts.apply(id, PayoutEvent.PAYMENT_COMPLETED, "paid");
        payouts.apply(id, PayoutEvent.PAYMENT_COMPLETED, "duplicate webhook");
        assertThat(registry.get("payouts.settled").tag("status", "COMPLETED").counter().count()).isEqualTo(1);
    }

    @Test
    void times_monoova_calls_by_operation_and_outcome() {
        PayoutMetrics metrics = new PayoutMetrics(registry, store, List.of(), q -> 0, clock);
        metrics.monoovaCall("execute", "accepted", Duration.ofMillis(120));
        metrics.monoovaCall("execute", "unknown", Duration.ofMillis(1500));
        assertThat(registry.get("payouts.monoova.calls").tag("operation", "execute").tag("outcome", "unknown").timer().count())
                .isEqualTo(1);
    }
}
