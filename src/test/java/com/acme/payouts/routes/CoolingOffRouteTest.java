package com.acme.payouts.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeInput;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.submission.SubmissionSteps;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * payout-submit and cooling-off-release: a RECEIVED payout whose payee is still cooling off is held
 * before its claim and never sent to Monoova; the release timer puts it back on the submission queue once,
 * when the period (4 s for c-cooling in the test profile) has ended.
 */
class CoolingOffRouteTest extends RouteTestSupport {

    private static final String SUBMISSIONS = "aws2-sqs:{{payouts.queues.payout-submissions}}";

    @Autowired
    private SubmissionSteps steps;

    @Test
    void a_payout_to_a_cooling_payee_is_held_before_its_claim_and_released_once_when_the_period_ends() throws Exception {
        Payee cooling = payees.register("c-cooling", PayeeInput.forBankAccount("062-000", "12345678", "Jane Citizen")).payee();
        Payout p = newPayout(cooling, "10.00");
        assertThat(p.status()).as("stored RECEIVED, e.g. before the destination changed").isEqualTo(PayoutStatus.RECEIVED);

        String message = steps.message(p.id(), 1);
        awaitOneMessage("payout-submit", () -> template.sendBody(SUBMISSIONS, message));

        Payout held = current(p.id());
        assertThat(held.status()).isEqualTo(PayoutStatus.HELD);
        assertThat(held.holdReason()).contains("cooling-off");
        assertThat(held.submitAttempts()).as("never claimed").isZero();
        assertThat(MONOOVA.executeCalls(p.monoovaReference())).as("never sent").isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> current(p.id()).status() == PayoutStatus.RECEIVED);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> submissionQueue().getReceivedExchanges().stream()
                .anyMatch(e -> e.getMessage().getBody(String.class).contains(p.id())));
        Thread.sleep(1500); // a few more release ticks: still exactly one release
        assertThat(current(p.id()).history()).filteredOn(t -> t.event() == PayoutEvent.COOLING_OFF_ENDED).hasSize(1);
        assertThat(submissionQueue().getReceivedExchanges().stream()
                        .filter(e -> e.getMessage().getBody(String.class).contains(p.id())))
                .hasSize(1);
    }
}
