package com.acme.payouts.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import com.acme.payouts.support.MutableClock;
import com.acme.payouts.support.TestDatabase;
import org.junit.jupiter.api.Test;

class PayoutSweeperStarvationTest {

    private static final Duration STALE = Duration.ofSeconds(30);
    private static final int BATCH = 10;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final EmbeddedPayoutStore store = new EmbeddedPayoutStore(TestDatabase.fresh());
    private final PayoutService payouts = new PayoutService(store, clock);
    private final PayoutSweeper sweeper = new PayoutSweeper(store, payouts, clock, STALE, STALE, Duration.ofSeconds(60), BATCH);

    @Test
    void payouts_that_stay_pending_do_not_hide_a_newer_stale_payout() {
        // More payouts than one batch, accepted by Monoova and Pending for days (direct credits).
        for (int i = 0; i < BATCH * 3; i++) {
            String id = payout("de-" + i, PayoutMethod.DE);
            payouts.apply(id, PayoutEvent.SUBMIT_STARTED, "claimed");
            payouts.apply(id, PayoutEvent.MONOOVA_ACCEPTED, "Monoova accepted");
        }
        clock.advance(Duration.ofSeconds(1));
        // Then one whose execute answer was lost: only the sweeper can resolve it.
        String lost = payout("npp-lost", PayoutMethod.NPP);
        payouts.apply(lost, PayoutEvent.SUBMIT_STARTED, "claimed");
        payouts.apply(lost, PayoutEvent.OUTCOME_UNKNOWN, "no response from Monoova");

        boolean offered = false;
        for (int sweep = 0; sweep < 200 && !offered; sweep++) {
            clock.advance(Duration.ofSeconds(5));
            List<SweepAction> due = sweeper.due();
            assertThat(due).hasSizeLessThanOrEqualTo(BATCH);
            for (SweepAction action : due) {
                offered |= action.payoutId().equals(lost);
                // The status lookup finds every direct credit still Pending: nothing changes.
                payouts.apply(action.payoutId(), PayoutEvent.MONOOVA_ACCEPTED, "status lookup: Pending");
                sweeper.acted(action.payoutId());
            }
        }
        assertThat(offered).as("the UNKNOWN payout is offered for resolution").isTrue();
    }

    private String payout(String key, PayoutMethod method) {
        String id = PayoutIds.fromIdempotencyKey(key);
        store.insert(Payout.received(id, key, "fp-" + key, "api", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa", "***",
                Money.aud("10.00"), method, "ref", clock.instant()));
        return id;
    }
}
