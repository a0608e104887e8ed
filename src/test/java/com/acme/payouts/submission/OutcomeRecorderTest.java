package com.acme.payouts.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.monoova.ExecuteOutcome;
import com.acme.payouts.monoova.StatusOutcome;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.NewPayout;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutcomeRecorderTest {

    private PayoutService payouts;
    private OutcomeRecorder recorder;

    @BeforeEach
    void setUp() {
        payouts = new PayoutService(new EmbeddedPayoutStore(TestDatabase.fresh()),
                Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));
        recorder = new OutcomeRecorder(payouts);
    }

    /** A payout moved to {@code status} the way the flows move it. */
    private Payout payoutIn(PayoutStatus status) {
        String id = payouts.create(new NewPayout("key-" + UUID.randomUUID(), "api", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "***-*00 ****5678", Money.aud("10.00"), PayoutMethod.NPP, "ref"))
                .payout().id();
        if (status != PayoutStatus.RECEIVED) {
            payouts.claimForSubmission(id);
        }
        switch (status) {
            case SUBMITTED -> payouts.apply(id, PayoutEvent.MONOOVA_ACCEPTED, "Ok");
            case UNKNOWN -> payouts.apply(id, PayoutEvent.OUTCOME_UNKNOWN, "timeout");
            case COMPLETED -> payouts.apply(id, PayoutEvent.PAYMENT_COMPLETED, "webhook");
            default -> { }
        }
        Payout p = payouts.find(id).orElseThrow();
        assertThat(p.status()).isEqualTo(status);
        return p;
    }

    private PayoutStatus statusOf(Payout p) {
        return payouts.find(p.id()).orElseThrow().status();
    }

    @Test
    void an_accepted_execute_submits_the_payout_and_keeps_monoovas_transaction_id() {
        Payout p = payoutIn(PayoutStatus.SUBMITTING);
        recorder.recordExecute(p.id(), new ExecuteOutcome.Accepted(1022L, "Ok"));
        Payout after = payouts.find(p.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(PayoutStatus.SUBMITTED);
        assertThat(after.monoovaTransactionId()).isEqualTo(1022L);
    }

    @Test
    void a_refused_execute_fails_the_payout_with_monoovas_code_as_reason() {
        Payout p = payoutIn(PayoutStatus.SUBMITTING);
        recorder.recordExecute(p.id(), new ExecuteOutcome.Rejected("InvalidBsbNumber", "BSB is not valid"));
        Payout after = payouts.find(p.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(PayoutStatus.FAILED);
        assertThat(after.failureReason()).contains("InvalidBsbNumber").contains("BSB is not valid");
    }

    @Test
    void an_unseen_execute_outcome_makes_the_payout_unknown() {
        Payout p = payoutIn(PayoutStatus.SUBMITTING);
        recorder.recordExecute(p.id(), new ExecuteOutcome.Unknown("no response from Monoova: SocketTimeoutException"));
        Payout after = payouts.find(p.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(PayoutStatus.UNKNOWN);
        assertThat(after.failureReason()).isNull();
        assertThat(after.history().get(after.history().size() - 1).detail()).contains("SocketTimeoutException");
    }

    @Test
    void status_complete_settles_an_unknown_payout() {
        Payout p = payoutIn(PayoutStatus.UNKNOWN);
        assertThat(recorder.recordStatus(p, new StatusOutcome.Completed("2026-11-25"))).contains(PayoutEvent.PAYMENT_COMPLETED);
        assertThat(statusOf(p)).isEqualTo(PayoutStatus.COMPLETED);
    }

    @Test
    void status_pending_confirms_an_unknown_payout_was_submitted() {
        Payout p = payoutIn(PayoutStatus.UNKNOWN);
        assertThat(recorder.recordStatus(p, new StatusOutcome.Pending("Pending"))).contains(PayoutEvent.MONOOVA_ACCEPTED);
        assertThat(statusOf(p)).isEqualTo(PayoutStatus.SUBMITTED);
    }

    @Test
    void status_rejected_or_dishonoured_before_completion_fails_the_payout() {
        Payout rejected = payoutIn(PayoutStatus.SUBMITTED);
        assertThat(recorder.recordStatus(rejected, new StatusOutcome.Rejected("rejected by banking institution")))
                .contains(PayoutEvent.PAYMENT_REJECTED);
        assertThat(payouts.find(rejected.id()).orElseThrow().failureReason()).contains("rejected by banking institution");

        Payout dishonoured = payoutIn(PayoutStatus.SUBMITTED);
        assertThat(recorder.recordStatus(dishonoured, new StatusOutcome.Dishonoured("2026-11-26")))
                .contains(PayoutEvent.PAYMENT_REJECTED);
        assertThat(statusOf(dishonoured)).isEqualTo(PayoutStatus.FAILED);
    }

    @Test
    void not_found_sends_an_unknown_payout_back_for_submission() {
        Payout p = payoutIn(PayoutStatus.UNKNOWN);
        assertThat(recorder.recordStatus(p, new StatusOutcome.NotFound("TransactionNotFound")))
                .contains(PayoutEvent.NOT_RECEIVED_BY_MONOOVA);
        Payout after = payouts.find(p.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(PayoutStatus.RECEIVED);
        assertThat(after.monoovaReference()).isEqualTo(p.monoovaReference());
    }

    @Test
    void not_found_for_a_payout_monoova_accepted_is_a_contradiction_and_changes_nothing() {
        Payout p = payoutIn(PayoutStatus.SUBMITTED);
        assertThat(recorder.recordStatus(p, new StatusOutcome.NotFound("TransactionNotFound"))).isEmpty();
        assertThat(payouts.find(p.id()).orElseThrow()).isEqualTo(p);
    }

    @Test
    void an_inconclusive_lookup_changes_nothing() {
        Payout p = payoutIn(PayoutStatus.UNKNOWN);
        assertThat(recorder.recordStatus(p, new StatusOutcome.Unknown("HTTP 503 from Monoova status"))).isEmpty();
        assertThat(payouts.find(p.id()).orElseThrow()).isEqualTo(p);
    }

    @Test
    void an_answer_that_no_longer_fits_is_ignored() {
        Payout p = payoutIn(PayoutStatus.COMPLETED);
        assertThat(recorder.recordExecute(p.id(), new ExecuteOutcome.Rejected("InvalidBsbNumber", null)))
                .isInstanceOf(PayoutService.Ignored.class);
        assertThat(recorder.recordStatus(p, new StatusOutcome.Pending("Pending"))).isEmpty();
        assertThat(statusOf(p)).isEqualTo(PayoutStatus.COMPLETED);
    }
}
