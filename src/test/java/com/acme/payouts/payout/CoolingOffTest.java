package com.acme.payouts.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.support.MutableClock;
import com.acme.payouts.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cooling-off of new and changed payee destinations: held, released once when it ends, never submitted early. */
class CoolingOffTest {

    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
    private static final Duration PERIOD = Duration.ofHours(24);
    private static final String NEW_PAYEE = "pe_newnewnewnewnewnewnewnewne";
    private static final String OLD_PAYEE = "pe_oldoldoldoldoldoldoldoldol";

    private final MutableClock clock = new MutableClock(T0);
    private final Map<String, PayeeFacts> payees = new ConcurrentHashMap<>();
    private final PayeeDirectory directory = id -> Optional.ofNullable(payees.get(id));
    private PayoutStore store;
    private PayoutService service;
    private final List<ExecutorService> pools = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = new EmbeddedPayoutStore(TestDatabase.fresh());
        service = new PayoutService(store, clock, PayoutAudit.NONE, Duration.ofDays(2));
        payees.put(NEW_PAYEE, facts(NEW_PAYEE, T0.minus(Duration.ofHours(1))));
        payees.put(OLD_PAYEE, facts(OLD_PAYEE, T0.minus(Duration.ofDays(30))));
    }

    @AfterEach
    void tearDown() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    private static PayeeFacts facts(String id, Instant since) {
        return new PayeeFacts(id, "c-1", "***-*00 ****5678", true, true, since);
    }

    private PayoutIntake intake(CoolingOffPolicy.Mode mode, ApprovalPolicy approvals) {
        return new PayoutIntake(service, directory, approvals, SpendingLimits.NONE, new CoolingOffPolicy(PERIOD, mode), clock);
    }

    private CoolingOff coolingOff(CoolingOffPolicy.Mode mode) {
        return new CoolingOff(service, store, directory, new CoolingOffPolicy(PERIOD, mode), clock);
    }

    private Payout pay(PayoutIntake intake, String key, String payeeId, String amount) {
        return intake.accept(key, "api", Requester.of(new Actor("key:maker", "maker")),
                        new PayoutRequestFields(payeeId, amount, "AUD", "NPP", "ref"))
                .payout();
    }

    private PayoutStatus status(String id) {
        return store.find(id).orElseThrow().status();
    }

    @Test
    void a_payout_to_a_new_payee_is_stored_held_with_the_reason_and_cannot_be_claimed() {
        Payout p = pay(intake(CoolingOffPolicy.Mode.HOLD, ApprovalPolicy.NONE), "key-cool-0001", NEW_PAYEE, "10.00");

        assertThat(p.status()).isEqualTo(PayoutStatus.HELD);
        assertThat(p.holdReason()).contains("cooling-off").contains("held until " + T0.plus(Duration.ofHours(23)));
        assertThat(service.claimForSubmission(p.id())).as("never submitted while held").isEmpty();
        assertThat(coolingOff(CoolingOffPolicy.Mode.HOLD).holdIfCooling(p.id()))
                .as("a message for a held payout is stopped before the idempotent consumer").isTrue();
        assertThat(status(p.id())).isEqualTo(PayoutStatus.HELD);
    }

    @Test
    void a_payout_to_an_established_payee_is_received_as_usual() {
        Payout p = pay(intake(CoolingOffPolicy.Mode.HOLD, ApprovalPolicy.NONE), "key-cool-0002", OLD_PAYEE, "10.00");
        assertThat(p.status()).isEqualTo(PayoutStatus.RECEIVED);
        assertThat(coolingOff(CoolingOffPolicy.Mode.HOLD).holdIfCooling(p.id())).isFalse();
    }

    @Test
    void the_period_ends_exactly_at_destination_time_plus_period() {
        payees.put(NEW_PAYEE, facts(NEW_PAYEE, T0.minus(PERIOD).plusMillis(1)));
        assertThat(pay(intake(CoolingOffPolicy.Mode.HOLD, ApprovalPolicy.NONE), "key-cool-0003", NEW_PAYEE, "10.00").status())
                .isEqualTo(PayoutStatus.HELD);
        payees.put(NEW_PAYEE, facts(NEW_PAYEE, T0.minus(PERIOD)));
        assertThat(pay(intake(CoolingOffPolicy.Mode.HOLD, ApprovalPolicy.NONE), "key-cool-0004", NEW_PAYEE, "10.00").status())
                .isEqualTo(PayoutStatus.RECEIVED);
    }

    @Test
    void a_held_payout_is_released_when_the_period_ends_and_only_once() {
        Payout p = pay(intake(CoolingOffPolicy.Mode.HOLD, ApprovalPolicy.NONE), "key-cool-0005", NEW_PAYEE, "10.00");
        CoolingOff coolingOff = coolingOff(CoolingOffPolicy.Mode.HOLD);

        clock.advance(Duration.ofHours(23).minusMillis(1));
        assertThat(coolingOff.releaseDue(100)).as("one millisecond early").isEmpty();
        assertThat(status(p.id())).isEqualTo(PayoutStatus.HELD);

        clock.advance(Duration.ofMillis(1));
        assertThat(coolingOff.releaseDue(100)).containsExactly(p.id());
        assertThat(coolingOff.releaseDue(100)).as("released once").isEmpty();
        Payout released = store.find(p.id()).orElseThrow();
        assertThat(released.status()).isEqualTo(PayoutStatus.RECEIVED);
        assertThat(released.history()).extracting(Transition::event).containsExactly(null, PayoutEvent.COOLING_OFF_ENDED);
        assertThat(coolingOff.holdIfCooling(p.id())).as("cooled off: not held again").isFalse();
        assertThat(service.claimForSubmission(p.id())).isPresent();
    }

    @Test
    void a_destination_changed_again_during_the_hold_extends_it() {
        Payout p = pay(intake(CoolingOffPolicy.Mode.HOLD, ApprovalPolicy.NONE), "key-cool-0006", NEW_PAYEE, "10.00");
        clock.advance(Duration.ofHours(12));
        payees.put(NEW_PAYEE, facts(NEW_PAYEE, clock.instant()));
        clock.advance(Duration.ofHours(12));
        assertThat(coolingOff(CoolingOffPolicy.Mode.HOLD).releaseDue(100)).isEmpty();
        clock.advance(Duration.ofHours(12));
        assertThat(coolingOff(CoolingOffPolicy.Mode.HOLD).releaseDue(100)).containsExactly(p.id());
    }

    @Test
    void a_received_payout_whose_destination_changed_after_intake_is_held_before_its_claim() {
        Payout p = pay(intake(CoolingOffPolicy.Mode.HOLD, ApprovalPolicy.NONE), "key-cool-0007", OLD_PAYEE, "10.00");
        assertThat(p.status()).isEqualTo(PayoutStatus.RECEIVED);
        payees.put(OLD_PAYEE, facts(OLD_PAYEE, clock.instant())); // the destination changes (payee versions)

        assertThat(coolingOff(CoolingOffPolicy.Mode.HOLD).holdIfCooling(p.id())).isTrue();
        assertThat(status(p.id())).isEqualTo(PayoutStatus.HELD);
        assertThat(service.claimForSubmission(p.id())).isEmpty();
    }

    @Test
    void several_instances_releasing_at_once_release_each_payout_exactly_once() throws Exception {
        PayoutIntake intake = intake(CoolingOffPolicy.Mode.HOLD, ApprovalPolicy.NONE);
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            held.add(pay(intake, "key-cool-many-" + i, NEW_PAYEE, "10.00").id());
        }
        clock.advance(PERIOD);
        // Four "instances", each its own CoolingOff over the same store, two threads each.
        List<CoolingOff> instances = List.of(coolingOff(CoolingOffPolicy.Mode.HOLD), coolingOff(CoolingOffPolicy.Mode.HOLD),
                coolingOff(CoolingOffPolicy.Mode.HOLD), coolingOff(CoolingOffPolicy.Mode.HOLD));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        pools.add(pool);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            CoolingOff instance = instances.get(t % 4);
            results.add(pool.submit(() -> {
                start.await();
                return instance.releaseDue(100);
            }));
        }
        start.countDown();
        List<String> released = Collections.synchronizedList(new ArrayList<>());
        for (Future<List<String>> f : results) {
            released.addAll(f.get(30, TimeUnit.SECONDS));
        }
        assertThat(released).containsExactlyInAnyOrderElementsOf(held);
        held.forEach(id -> assertThat(status(id)).isEqualTo(PayoutStatus.RECEIVED));
    }

    @Test
    void approval_mode_asks_a_checker_and_an_approval_after_the_change_covers_the_destination() {
        Payout p = pay(intake(CoolingOffPolicy.Mode.APPROVAL, ApprovalPolicy.NONE), "key-cool-0008", NEW_PAYEE, "10.00");
        assertThat(p.status()).isEqualTo(PayoutStatus.PENDING_APPROVAL);
        assertThat(p.history().get(0).detail()).contains("cooling-off");

        assertThat(service.approve(p.id(), new Actor("key:checker", "checker"))).isInstanceOf(PayoutService.Decided.class);
        assertThat(coolingOff(CoolingOffPolicy.Mode.APPROVAL).holdIfCooling(p.id())).as("approved: not held").isFalse();
        assertThat(status(p.id())).isEqualTo(PayoutStatus.RECEIVED);
    }

    @Test
    void in_hold_mode_an_approval_for_a_large_amount_does_not_skip_the_cooling_off() {
        ApprovalPolicy approvals = new ApprovalPolicy(Money.aud("100.00"), Duration.ofDays(2));
        Payout p = pay(intake(CoolingOffPolicy.Mode.HOLD, approvals), "key-cool-0009", NEW_PAYEE, "500.00");
        assertThat(p.status()).isEqualTo(PayoutStatus.PENDING_APPROVAL);
        service.approve(p.id(), new Actor("key:checker", "checker"));

        assertThat(coolingOff(CoolingOffPolicy.Mode.HOLD).holdIfCooling(p.id())).isTrue();
        assertThat(status(p.id())).isEqualTo(PayoutStatus.HELD);
    }

    @Test
    void off_when_the_period_is_zero() {
        PayoutIntake off = new PayoutIntake(service, directory, ApprovalPolicy.NONE, SpendingLimits.NONE, CoolingOffPolicy.NONE, clock);
        Payout p = pay(off, "key-cool-0010", NEW_PAYEE, "10.00");
        assertThat(p.status()).isEqualTo(PayoutStatus.RECEIVED);
        assertThat(new CoolingOff(service, store, directory, CoolingOffPolicy.NONE, clock).holdIfCooling(p.id())).isFalse();
    }

    @Test
    void a_customer_period_replaces_the_default_for_that_customers_payees_only() {
        CoolingOffPolicy policy = new CoolingOffPolicy(Duration.ZERO, CoolingOffPolicy.Mode.HOLD, Map.of("c-1", PERIOD));
        assertThat(policy.isOff()).isFalse();
        PayoutIntake intake = new PayoutIntake(service, directory, ApprovalPolicy.NONE, SpendingLimits.NONE, policy, clock);
        assertThat(pay(intake, "key-cool-0011", NEW_PAYEE, "10.00").status()).isEqualTo(PayoutStatus.HELD);
        payees.put("pe_othercustomerothercustome", new PayeeFacts("pe_othercustomerothercustome", "c-2", "masked", true, true, T0));
        assertThat(pay(intake, "key-cool-0012", "pe_othercustomerothercustome", "10.00").status()).isEqualTo(PayoutStatus.RECEIVED);
    }
}
