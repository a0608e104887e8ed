package com.acme.payouts.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.NewPayout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.support.MutableClock;
import com.acme.payouts.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PayoutSweeperTest {

    private static final Duration STALE = Duration.ofSeconds(30);
    private static final Duration SUBMITTING_STALE = Duration.ofSeconds(45);
    private static final Duration RECEIVED_STALE = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
    private PayoutStore store;
    private PayoutService payouts;
    private PayoutSweeper sweeper;

    @BeforeEach
    void setUp() {
        store = new EmbeddedPayoutStore(TestDatabase.fresh());
        payouts = new PayoutService(store, clock);
        sweeper = new PayoutSweeper(store, payouts, clock, STALE, SUBMITTING_STALE, RECEIVED_STALE, 100);
    }

    private String payout() {
        return payouts.create(new NewPayout("key-" + UUID.randomUUID(), "api", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "***-*00 ****5678", Money.aud("10.00"), PayoutMethod.NPP, null))
                .payout().id();
    }

    private String payoutIn(PayoutStatus status) {
        String id = payout();
        payouts.claimForSubmission(id);
        switch (status) {
            case SUBMITTING -> { }
            case SUBMITTED -> payouts.apply(id, PayoutEvent.MONOOVA_ACCEPTED, "Ok");
            case UNKNOWN -> payouts.apply(id, PayoutEvent.OUTCOME_UNKNOWN, "timeout");
            case COMPLETED -> payouts.apply(id, PayoutEvent.PAYMENT_COMPLETED, "webhook");
            case FAILED -> payouts.apply(id, PayoutEvent.PAYMENT_REJECTED, "refused");
            default -> throw new IllegalArgumentException(status.name());
        }
        return id;
    }

    private PayoutStatus statusOf(String id) {
        return payouts.find(id).orElseThrow().status();
    }

    @Test
    void a_payout_left_in_received_is_enqueued_again_with_its_next_attempt() {
        String id = payout();
        clock.advance(RECEIVED_STALE.minusSeconds(1));
        assertThat(sweeper.due()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(sweeper.due()).containsExactly(new SweepAction(id, SweepAction.ENQUEUE, 1));
        assertThat(statusOf(id)).isEqualTo(PayoutStatus.RECEIVED);
    }

    @Test
    void a_payout_sent_back_to_received_is_enqueued_for_its_second_attempt() {
        String id = payoutIn(PayoutStatus.UNKNOWN);
        payouts.apply(id, PayoutEvent.NOT_RECEIVED_BY_MONOOVA, "status lookup: not found");
        clock.advance(RECEIVED_STALE.plusSeconds(1));
        assertThat(sweeper.due()).containsExactly(new SweepAction(id, SweepAction.ENQUEUE, 2));
    }

    @Test
    void a_payout_stuck_in_submitting_becomes_unknown_and_is_resolved() {
        String id = payoutIn(PayoutStatus.SUBMITTING);
        // its worker may still be calling Monoova until SUBMITTING_STALE: not taken for abandoned before
        clock.advance(SUBMITTING_STALE.minusSeconds(1));
        assertThat(sweeper.due()).isEmpty();
        assertThat(statusOf(id)).isEqualTo(PayoutStatus.SUBMITTING);
        clock.advance(Duration.ofSeconds(2));

        assertThat(sweeper.due()).containsExactly(new SweepAction(id, SweepAction.RESOLVE, 1));
        assertThat(statusOf(id)).isEqualTo(PayoutStatus.UNKNOWN);
        assertThat(payouts.find(id).orElseThrow().history()).last()
                .satisfies(t -> assertThat(t.event()).isEqualTo(PayoutEvent.OUTCOME_UNKNOWN));
    }

    @Test
    void submitted_and_unknown_payouts_are_resolved_without_changing_them() {
        String submitted = payoutIn(PayoutStatus.SUBMITTED);
        String unknown = payoutIn(PayoutStatus.UNKNOWN);
        clock.advance(STALE.minusSeconds(1));
        assertThat(sweeper.due()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(sweeper.due()).containsExactlyInAnyOrder(
                new SweepAction(submitted, SweepAction.RESOLVE, 1), new SweepAction(unknown, SweepAction.RESOLVE, 1));
        assertThat(statusOf(submitted)).isEqualTo(PayoutStatus.SUBMITTED);
        assertThat(statusOf(unknown)).isEqualTo(PayoutStatus.UNKNOWN);
    }

    @Test
    void settled_payouts_are_never_swept() {
        payoutIn(PayoutStatus.COMPLETED);
        payoutIn(PayoutStatus.FAILED);
        clock.advance(Duration.ofHours(1));
        assertThat(sweeper.due()).isEmpty();
    }

    @Test
    void a_payout_acted_on_is_left_alone_for_a_growing_wait() {
        String id = payoutIn(PayoutStatus.UNKNOWN);
        clock.advance(STALE.plusSeconds(1));
        assertThat(sweeper.due()).extracting(SweepAction::payoutId).containsExactly(id);

        sweeper.acted(id);
        assertThat(sweeper.due()).as("just acted").isEmpty();
        clock.advance(STALE.minusSeconds(1));
        assertThat(sweeper.due()).as("first wait is staleAfter").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sweeper.due()).extracting(SweepAction::payoutId).containsExactly(id);

        sweeper.acted(id);
        clock.advance(STALE.multipliedBy(2).minusSeconds(1));
        assertThat(sweeper.due()).as("second wait doubles").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sweeper.due()).extracting(SweepAction::payoutId).containsExactly(id);
    }

    @Test
    void the_wait_never_exceeds_ten_minutes() {
        String id = payoutIn(PayoutStatus.UNKNOWN);
        clock.advance(STALE.plusSeconds(1));
        for (int i = 0; i < 8; i++) {
            sweeper.acted(id);
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(sweeper.due()).extracting(SweepAction::payoutId).containsExactly(id);
    }
}
