package com.acme.payouts.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.support.MutableClock;
import com.acme.payouts.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Maker-checker through the payout use cases: who may decide, when approvals expire, what is audited. */
class MakerCheckerTest {

    private static final Actor MAKER = new Actor("key:maker", "web app");
    private static final Actor CHECKER = new Actor("key:checker", "finance lead");
    private static final Duration TTL = Duration.ofHours(4);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
    private final List<String> audited = new ArrayList<>();
    private PayoutService service;
    private PayoutIntake intake;

    @BeforeEach
    void setUp() {
        service = new PayoutService(new EmbeddedPayoutStore(TestDatabase.fresh()), clock,
                (action, before, after, actor) -> audited.add(action + " " + after.status() + " by " + actor.id()), TTL);
        PayeeDirectory payees = id -> Optional.of(new PayeeFacts(id, "c-1", "***-*00 ****5678", true, true));
        intake = new PayoutIntake(service, payees, new ApprovalPolicy(Money.aud("10000.00"), TTL), SpendingLimits.NONE);
    }

    private Payout create(String key, String amount) {
        return intake.accept(key, "api", Requester.of(MAKER),
                        new PayoutRequestFields("pe_aaaaaaaaaaaaaaaaaaaaaaaaaa", amount, "AUD", "NPP", "ref"))
                .payout();
    }

    @Test
    void a_payout_at_the_threshold_is_received_and_above_it_is_held_with_a_deadline() {
        assertThat(create("key-at-threshold", "10000.00").status()).isEqualTo(PayoutStatus.RECEIVED);
        Payout held = create("key-above-threshold", "10000.01");
        assertThat(held.status()).isEqualTo(PayoutStatus.PENDING_APPROVAL);
        assertThat(held.approvalDeadline()).isEqualTo(clock.instant().plus(TTL));
        assertThat(held.createdBy()).isEqualTo(MAKER);
        assertThat(service.claimForSubmission(held.id())).as("a held payout can't be claimed").isEmpty();
    }

    @Test
    void the_creator_can_never_approve_or_reject_their_own_payout() {
        Payout held = create("key-self-approval", "20000.00");
        assertThat(service.approve(held.id(), new Actor(MAKER.id(), "another name"))).isInstanceOf(PayoutService.SelfApproval.class);
        assertThat(service.reject(held.id(), MAKER, "changed my mind")).isInstanceOf(PayoutService.SelfApproval.class);
        assertThat(service.find(held.id()).orElseThrow().status()).isEqualTo(PayoutStatus.PENDING_APPROVAL);
    }

    @Test
    void another_principal_approves_once_and_the_payout_becomes_received() {
        Payout held = create("key-approved", "20000.00");
        PayoutService.DecisionResult result = service.approve(held.id(), CHECKER);
        assertThat(result).isInstanceOf(PayoutService.Decided.class);
        Payout approved = ((PayoutService.Decided) result).payout();
        assertThat(approved.status()).isEqualTo(PayoutStatus.RECEIVED);
        assertThat(approved.decidedBy()).isEqualTo(CHECKER);
        assertThat(service.approve(held.id(), new Actor("key:third", "third"))).isInstanceOf(PayoutService.NotPending.class);
        assertThat(audited).containsExactly(
                "payout.created PENDING_APPROVAL by key:maker", "payout.approved RECEIVED by key:checker");
    }

    @Test
    void a_rejected_payout_is_cancelled_with_the_reason_and_never_sent() {
        Payout held = create("key-rejected", "20000.00");
        Payout rejected = ((PayoutService.Decided) service.reject(held.id(), CHECKER, "unknown payee")).payout();
        assertThat(rejected.status()).isEqualTo(PayoutStatus.CANCELLED);
        assertThat(rejected.failureReason()).isEqualTo("rejected by key:checker: unknown payee");
        assertThat(service.approve(held.id(), CHECKER)).isInstanceOf(PayoutService.NotPending.class);
        assertThat(service.claimForSubmission(held.id())).isEmpty();
    }

    @Test
    void an_approval_after_the_deadline_is_refused_and_cancels_the_payout() {
        Payout held = create("key-late", "20000.00");
        clock.advance(TTL);
        assertThat(service.approve(held.id(), CHECKER)).isInstanceOf(PayoutService.Expired.class);
        Payout cancelled = service.find(held.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(PayoutStatus.CANCELLED);
        assertThat(cancelled.history().get(cancelled.history().size() - 1).event()).isEqualTo(PayoutEvent.APPROVAL_EXPIRED);
    }

    @Test
    void the_expiry_sweep_cancels_only_held_payouts_past_their_deadline() {
        Payout early = create("key-early", "20000.00");
        clock.advance(Duration.ofHours(2));
        Payout later = create("key-later", "30000.00");
        Payout normal = create("key-normal", "10.00");
        clock.advance(Duration.ofHours(2).plusSeconds(1));
        assertThat(service.expireDue(100)).extracting(Payout::id).containsExactly(early.id());
        assertThat(service.find(later.id()).orElseThrow().status()).isEqualTo(PayoutStatus.PENDING_APPROVAL);
        assertThat(service.find(normal.id()).orElseThrow().status()).isEqualTo(PayoutStatus.RECEIVED);
        clock.advance(Duration.ofHours(2));
        assertThat(service.expireDue(100)).extracting(Payout::id).containsExactly(later.id());
        assertThat(audited).contains("payout.approval-expired CANCELLED by system");
    }
}
