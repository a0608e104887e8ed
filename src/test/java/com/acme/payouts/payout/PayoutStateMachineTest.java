package com.acme.payouts.payout;

import static com.acme.payouts.payout.PayoutEvent.*;
import static com.acme.payouts.payout.PayoutStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayoutStateMachineTest {

    /** The table, written out once more by hand: any change to the machine must change this too. */
    private static final Map<PayoutStatus, Map<PayoutEvent, PayoutStatus>> EXPECTED = Map.of(
            RECEIVED, Map.of(
                    SUBMIT_STARTED, SUBMITTING,
                    SUBMISSION_REFUSED, FAILED,
                    FUNDS_SHORT, AWAITING_FUNDS,
                    MONOOVA_ACCEPTED, SUBMITTED,
                    PAYMENT_COMPLETED, COMPLETED,
                    PAYMENT_REJECTED, FAILED,
                    COOLING_OFF_HOLD, HELD),
            HELD, Map.of(COOLING_OFF_ENDED, RECEIVED),
            AWAITING_FUNDS, Map.of(FUNDS_RESERVED, RECEIVED),
            SUBMITTING, Map.of(
                    MONOOVA_ACCEPTED, SUBMITTED,
                    PAYMENT_COMPLETED, COMPLETED,
                    PAYMENT_REJECTED, FAILED,
                    OUTCOME_UNKNOWN, UNKNOWN,
                    SUBMISSION_REFUSED, FAILED,
                    FUNDS_SHORT, AWAITING_FUNDS),
            SUBMITTED, Map.of(PAYMENT_COMPLETED, COMPLETED, PAYMENT_REJECTED, FAILED),
            UNKNOWN, Map.of(
                    MONOOVA_ACCEPTED, SUBMITTED,
                    PAYMENT_COMPLETED, COMPLETED,
                    PAYMENT_REJECTED, FAILED,
                    NOT_RECEIVED_BY_MONOOVA, RECEIVED),
            COMPLETED, Map.of(PAYMENT_RETURNED, RETURNED),
            PENDING_APPROVAL, Map.of(
                    APPROVED, RECEIVED,
                    APPROVAL_REJECTED, CANCELLED,
                    APPROVAL_EXPIRED, CANCELLED));

    @Test
    void every_edge_is_exactly_the_documented_one() {
        for (PayoutStatus from : PayoutStatus.values()) {
            for (PayoutEvent event : PayoutEvent.values()) {
                PayoutStatus expected = EXPECTED.getOrDefault(from, Map.of()).get(event);
                assertThat(PayoutStateMachine.next(from, event))
                        .as("%s + %s", from, event)
                        .isEqualTo(java.util.Optional.ofNullable(expected));
            }
        }
    }

    /**
     * A payout starts in RECEIVED, in PENDING_APPROVAL when it is above the approval threshold, or HELD when
     * its payee is cooling off.
     */
    @Test
    void every_state_is_reachable_from_the_three_initial_states() {
        Set<PayoutStatus> seen = EnumSet.of(RECEIVED, PENDING_APPROVAL, HELD);
        ArrayDeque<PayoutStatus> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            PayoutStatus s = todo.poll();
            for (PayoutEvent e : PayoutEvent.values()) {
                PayoutStateMachine.next(s, e).filter(seen::add).ifPresent(todo::add);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(PayoutStatus.values());
    }

    @ParameterizedTest
    @EnumSource(value = PayoutStatus.class, names = {"FAILED", "RETURNED", "CANCELLED"})
    void final_states_have_no_way_out(PayoutStatus status) {
        for (PayoutEvent e : PayoutEvent.values()) {
            assertThat(PayoutStateMachine.next(status, e)).isEmpty();
        }
    }

    @Test
    void a_completed_payout_can_never_be_submitted_or_failed_again() {
        for (PayoutEvent e : EnumSet.of(SUBMIT_STARTED, PAYMENT_REJECTED, OUTCOME_UNKNOWN, NOT_RECEIVED_BY_MONOOVA, MONOOVA_ACCEPTED,
                FUNDS_SHORT, FUNDS_RESERVED)) {
            assertThat(PayoutStateMachine.next(COMPLETED, e)).as(e.name()).isEmpty();
        }
    }

    @Test
    void only_a_proven_not_received_an_approval_a_funds_release_or_a_cooled_off_hold_sends_a_payout_to_submission() {
        for (PayoutStatus from : PayoutStatus.values()) {
            for (PayoutEvent e : PayoutEvent.values()) {
                if (PayoutStateMachine.next(from, e).filter(RECEIVED::equals).isPresent()) {
                    assertThat(Map.entry(from, e)).isIn(
                            Map.entry(UNKNOWN, NOT_RECEIVED_BY_MONOOVA),
                            Map.entry(PENDING_APPROVAL, APPROVED),
                            Map.entry(AWAITING_FUNDS, FUNDS_RESERVED),
                            Map.entry(HELD, COOLING_OFF_ENDED));
                }
            }
        }
    }

    /**
     * The race AwsTwoInstancesIT once lost: a status lookup found nothing while the execute was still
     * on its way, so the payout went back to RECEIVED; the execute's acceptance then arrived. It must
     * move the payout on, or the next claim sends the same reference a second time.
     */
    @Test
    void monoova_evidence_for_a_payout_sent_back_to_received_moves_it_on_so_it_is_not_sent_again() {
        PayoutStatus s = RECEIVED;
        for (PayoutEvent e : List.of(SUBMIT_STARTED, OUTCOME_UNKNOWN, NOT_RECEIVED_BY_MONOOVA, MONOOVA_ACCEPTED)) {
            s = PayoutStateMachine.next(s, e).orElseThrow(() -> new AssertionError("refused"));
        }
        assertThat(s).isEqualTo(SUBMITTED);
        assertThat(PayoutStateMachine.next(s, SUBMIT_STARTED)).isEmpty();
        assertThat(PayoutStateMachine.next(RECEIVED, PAYMENT_COMPLETED)).contains(COMPLETED);
        assertThat(PayoutStateMachine.next(RECEIVED, PAYMENT_REJECTED)).contains(FAILED);
    }

    @Test
    void a_payout_awaiting_funds_is_never_submitted_or_settled_before_it_is_released() {
        for (PayoutEvent e : PayoutEvent.values()) {
            if (e != FUNDS_RESERVED) {
                assertThat(PayoutStateMachine.next(AWAITING_FUNDS, e)).as(e.name()).isEmpty();
            }
        }
    }

    @Test
    void only_a_payout_that_was_never_executed_can_wait_for_funds() {
        for (PayoutStatus from : PayoutStatus.values()) {
            for (PayoutEvent e : PayoutEvent.values()) {
                if (PayoutStateMachine.next(from, e).filter(AWAITING_FUNDS::equals).isPresent()) {
                    // RECEIVED: never sent; SUBMITTING: Monoova refused execute for lack of funds.
                    assertThat(from).isIn(RECEIVED, SUBMITTING);
                    assertThat(e).isEqualTo(FUNDS_SHORT);
                }
            }
        }
    }

    @Test
    void a_held_payout_is_never_submitted_settled_or_decided_before_its_cooling_off_ends() {
        for (PayoutEvent e : PayoutEvent.values()) {
            if (e != COOLING_OFF_ENDED) {
                assertThat(PayoutStateMachine.next(HELD, e)).as(e.name()).isEmpty();
            }
        }
    }

    @Test
    void only_a_payout_that_was_never_claimed_can_be_held_for_cooling_off() {
        for (PayoutStatus from : PayoutStatus.values()) {
            for (PayoutEvent e : PayoutEvent.values()) {
                if (PayoutStateMachine.next(from, e).filter(HELD::equals).isPresent()) {
                    assertThat(Map.entry(from, e)).isEqualTo(Map.entry(RECEIVED, COOLING_OFF_HOLD));
                }
            }
        }
    }

    @Test
    void a_held_payout_is_released_once_then_the_release_no_longer_applies() {
        Instant t0 = Instant.parse("2026-11-25T00:00:00Z");
        Payout held = Payout.held("po_x", "key-12345", "fp", "api", "c-1", "pe_y", "masked", Money.aud("10.00"),
                PayoutMethod.NPP, "ref", new Actor("key:a", "a"), "cooling-off: held until X", t0);
        assertThat(held.status()).isEqualTo(HELD);
        assertThat(held.holdReason()).isEqualTo("accepted from api; cooling-off: held until X");
        Payout released = held.apply(COOLING_OFF_ENDED, t0.plusSeconds(60), "cooling-off ended");
        assertThat(released.status()).isEqualTo(RECEIVED);
        assertThat(released.holdReason()).isNull();
        assertThat(released.accepts(COOLING_OFF_ENDED)).isFalse();
    }

    @Test
    void a_payout_held_for_approval_can_never_be_claimed_for_submission() {
        assertThat(PayoutStateMachine.next(PENDING_APPROVAL, SUBMIT_STARTED)).isEmpty();
        for (PayoutEvent e : PayoutEvent.values()) {
            if (!EnumSet.of(APPROVED, APPROVAL_REJECTED, APPROVAL_EXPIRED).contains(e)) {
                assertThat(PayoutStateMachine.next(PENDING_APPROVAL, e)).as(e.name()).isEmpty();
            }
        }
    }

    @Test
    void approval_events_apply_only_to_a_held_payout() {
        for (PayoutStatus from : PayoutStatus.values()) {
            for (PayoutEvent e : EnumSet.of(APPROVED, APPROVAL_REJECTED, APPROVAL_EXPIRED)) {
                if (from != PENDING_APPROVAL) {
                    assertThat(PayoutStateMachine.next(from, e)).as("%s + %s", from, e).isEmpty();
                }
            }
        }
    }

    @Test
    void an_approval_records_the_checker_and_a_rejection_its_reason() {
        Instant t0 = Instant.parse("2026-11-25T00:00:00Z");
        Actor maker = new Actor("key:maker", "maker");
        Actor checker = new Actor("key:checker", "checker");
        Payout held = Payout.pendingApproval("po_x", "key-12345", "fp", "api", "c-1", "pe_y", "masked",
                Money.aud("20000.00"), PayoutMethod.NPP, "ref", maker, t0.plusSeconds(3600), t0);
        assertThat(held.status()).isEqualTo(PENDING_APPROVAL);
        assertThat(held.createdBy()).isEqualTo(maker);
        assertThat(held.approvalDeadline()).isEqualTo(t0.plusSeconds(3600));

        Payout approved = held.apply(APPROVED, t0.plusSeconds(5), "approved by key:checker", checker);
        assertThat(approved.status()).isEqualTo(RECEIVED);
        assertThat(approved.decidedBy()).isEqualTo(checker);
        assertThat(approved.createdBy()).isEqualTo(maker);

        Payout rejected = held.apply(APPROVAL_REJECTED, t0.plusSeconds(5), "rejected by key:checker: wrong payee", checker);
        assertThat(rejected.status()).isEqualTo(CANCELLED);
        assertThat(rejected.failureReason()).contains("wrong payee");
        assertThat(rejected.decidedBy()).isEqualTo(checker);

        Payout expired = held.apply(APPROVAL_EXPIRED, t0.plusSeconds(3600), "approval expired", Actor.SYSTEM);
        assertThat(expired.status()).isEqualTo(CANCELLED);
        assertThat(expired.decidedBy()).isNull();
    }

    @Test
    void apply_records_history_bumps_version_and_counts_attempts() {
        Instant t0 = Instant.parse("2026-11-25T00:00:00Z");
        Payout p = Payout.received("po_x", "key-12345", "fp", "api", "c-1", "pe_y", "masked",
                Money.aud("10.00"), PayoutMethod.NPP, "ref", t0);
        Payout claimed = p.apply(SUBMIT_STARTED, t0.plusSeconds(1), "claimed");
        assertThat(claimed.status()).isEqualTo(SUBMITTING);
        assertThat(claimed.version()).isEqualTo(p.version() + 1);
        assertThat(claimed.submitAttempts()).isEqualTo(1);
        assertThat(claimed.history()).hasSize(2);
        assertThat(claimed.history().get(1)).isEqualTo(new Transition(RECEIVED, SUBMITTING, SUBMIT_STARTED, t0.plusSeconds(1), "claimed"));
        assertThat(claimed.monoovaReference()).isEqualTo(p.monoovaReference()).isEqualTo("payout-po_x");

        Payout failed = claimed.apply(PAYMENT_REJECTED, t0.plusSeconds(2), "refused: InvalidBsbNumber");
        assertThat(failed.failureReason()).isEqualTo("refused: InvalidBsbNumber");
    }

    @Test
    void an_illegal_event_is_refused_without_change() {
        Payout p = Payout.received("po_x", "key-12345", "fp", "api", "c-1", "pe_y", "masked",
                Money.aud("10.00"), PayoutMethod.NPP, null, Instant.EPOCH);
        assertThat(p.accepts(PAYMENT_RETURNED)).isFalse();
        assertThatThrownBy(() -> p.apply(PAYMENT_RETURNED, Instant.EPOCH, "x"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("RECEIVED");
    }
}
