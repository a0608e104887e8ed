package com.acme.payouts;

import static com.acme.payouts.support.PayoutAssertions.assertConsistentHistory;
import static com.acme.payouts.support.PayoutAssertions.count;
import static com.acme.payouts.support.PayoutAssertions.detailsInto;
import static com.acme.payouts.support.PayoutAssertions.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.sandbox.SandboxTransaction;
import com.acme.payouts.sandbox.WebhookDelivery;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.acme.payouts.support.Queues;
import com.acme.payouts.support.SeededFaults;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One test per sandbox scenario trigger (docs/sandbox.md): the payout's final status, the path it
 * took, its failure reason, how many execute calls Monoova saw for its reference, and whether money
 * moved exactly once.
 */
class PayoutScenariosIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(40);

    @Autowired
    private SqsClient sqsClient;

    @Autowired
    private JdbcTemplate jdbc;

    private Queues queues;
    private String customer;

    @BeforeEach
    void setUp() {
        queues = new Queues(sqsClient);
        customer = "c-scn-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- happy paths ----

    @Test
    void a_payid_npp_payout_completes_through_the_webhook_and_moves_the_money_once() {
        String payee = payIdPayee();
        BigDecimal before = sandbox.availableToDebit();

        JsonNode done = payAndAwait(payee, "10.01", "NPP", "Invoice 1001", "COMPLETED");

        assertThat(path(done)).containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        assertThat(detailsInto(done, "COMPLETED").get(0)).startsWith("NppPaymentStatus webhook");
        assertThat(done.path("failureReason").isNull()).isTrue();
        assertThat(done.path("monoovaTransactionId").asLong()).isPositive();
        String ref = done.path("monoovaReference").asText();
        assertThat(ref).isEqualTo("payout-" + done.path("id").asText());
        assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
        assertMoneyMovedOnce(ref, "10.01", "NppCreditPayId");
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo("10.01");
        assertThat(done.path("monoovaTransactionId").asLong())
                .isEqualTo(sandbox.transaction(ref).orElseThrow().transactionId());
    }

    @Test
    void a_direct_entry_payout_completes_through_the_sweepers_status_lookup_without_any_webhook() {
        String payee = bankPayee(randomDigits(9));
        BigDecimal before = sandbox.availableToDebit();

        JsonNode done = payAndAwait(payee, "10.02", "DE", "DE INV 1002", "COMPLETED");

        assertThat(path(done)).containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        assertThat(detailsInto(done, "COMPLETED").get(0)).startsWith("status lookup: Complete");
        String ref = done.path("monoovaReference").asText();
        assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
        assertThat(deliveriesFor(ref)).as("Monoova sends no webhook for a direct credit").isEmpty();
        assertMoneyMovedOnce(ref, "10.02", "directCredit");
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo("10.02");
    }

    // ---- refusals ----

    @Test
    void a_payout_the_receiving_institution_rejects_fails_with_its_reason_and_the_money_comes_back() {
        String payee = bankPayee(randomDigits(8));
        BigDecimal before = sandbox.availableToDebit();

        JsonNode failed = payAndAwait(payee, "10.03", "NPP", "Invoice SBX-REJECT", "FAILED");

        assertThat(path(failed)).containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "FAILED");
        assertThat(failed.path("failureReason").asText())
                .isEqualTo("rejected by the receiving institution: ACCOUNT CLOSED");
        String ref = failed.path("monoovaReference").asText();
        assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
        SandboxTransaction tx = sandbox.transaction(ref).orElseThrow();
        assertThat(tx.status()).isEqualTo(SandboxTransaction.Status.REJECTED);
        assertThat(tx.moneyMoved()).as("a rejection credits the money back").isFalse();
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before);
    }

    // ---- execute faults ----

    @Test
    void a_payout_monoova_never_received_goes_back_to_received_and_is_resubmitted_with_the_same_reference() {
        // SBX-500 makes every attempt fail before commit, so this payout can never complete: assert
        // the loop (UNKNOWN -> lookup says TransactionNotFound -> RECEIVED -> SUBMITTING again, same
        // reference, nothing debited), then end it the way the service ends a payout whose payee
        // disappeared.
        String payee = bankPayee(randomDigits(8));
        BigDecimal before = sandbox.availableToDebit();
        Reply created = api.createPayout(key(), payee, "10.04", "NPP", "Invoice SBX-500");
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = created.id();
        String ref = created.body().path("monoovaReference").asText();

        Awaitility.await("resubmission of " + id)
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode p = api.payout(id);
                    return containsInOrder(path(p), "UNKNOWN", "RECEIVED", "SUBMITTING")
                            && p.path("submitAttempts").asInt() >= 2;
                });
        JsonNode looped = api.payout(id);

        assertThat(containsInOrder(path(looped), "RECEIVED", "SUBMITTING", "UNKNOWN", "RECEIVED", "SUBMITTING"))
                .as("path %s", path(looped))
                .isTrue();
        assertThat(detailsInto(looped, "RECEIVED").get(1))
                .contains("TransactionNotFound")
                .contains("same reference");
        assertThat(looped.path("monoovaReference").asText()).isEqualTo(ref);
        Awaitility.await().atMost(SETTLE).until(() -> sandbox.executeCalls(ref) >= 2);
        assertThat(sandbox.transaction(ref)).as("nothing was ever committed for %s", ref).isEmpty();
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before);

        // Stop the loop: with its payee gone, the next submission refuses the payout before any call.
        jdbc.update("DELETE FROM payees WHERE id = ?", payee);
        JsonNode ended = api.awaitStatus(id, "FAILED", Duration.ofSeconds(60));
        assertThat(ended.path("failureReason").asText()).contains("no longer exists");
        assertThat(sandbox.transaction(ref)).isEmpty();
        assertConsistentHistory(ended);
    }

    @Test
    void a_one_off_http_500_before_commit_is_resubmitted_with_the_same_reference_and_completes_once() {
        long seed = 4242L;
        String key = SeededFaults.keyWhoseFirstExecuteGets(seed, SeededFaults.ExecuteFault.FAIL_BEFORE_COMMIT, "scn-500-");
        String payee = bankPayee(randomDigits(8));
        BigDecimal before = sandbox.availableToDebit();
        Reply created;
        String ref;
        try {
            sandbox.setFaults(seed, 1.0);
            created = api.createPayout(key, payee, "10.05", "NPP", "Invoice 1005");
            assertThat(created.status()).as(created.raw()).isEqualTo(202);
            ref = created.body().path("monoovaReference").asText();
            Awaitility.await("first execute").atMost(SETTLE).until(() -> sandbox.executeCalls(ref) >= 1);
        } finally {
            sandbox.setFaults(0L, 0.0);
        }

        JsonNode done = api.awaitStatus(created.id(), "COMPLETED", SETTLE);

        assertThat(path(done)).startsWith("RECEIVED", "SUBMITTING", "UNKNOWN", "RECEIVED", "SUBMITTING").endsWith("COMPLETED");
        assertThat(detailsInto(done, "UNKNOWN").get(0)).contains("HTTP 500");
        assertThat(detailsInto(done, "RECEIVED").get(1)).contains("TransactionNotFound");
        assertThat(done.path("submitAttempts").asInt()).isEqualTo(2);
        assertThat(sandbox.executeCalls(ref)).as("the same reference executed twice, once for real").isEqualTo(2);
        assertMoneyMovedOnce(ref, "10.05", "NppCreditBankAccount");
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo("10.05");
    }

    @Test
    void an_http_500_after_commit_makes_the_payout_unknown_then_completed_without_a_second_execute() {
        assertUnknownThenCompletedWithOneExecute("10.06", "Invoice SBX-500C", "HTTP 500");
    }

    @Test
    void a_timeout_after_commit_makes_the_payout_unknown_then_completed_by_the_status_lookup() {
        // Without SBX-WH-DROP the webhook (after 200 ms) overtakes the 1.5 s response timeout; see the next test.
        JsonNode done = assertUnknownThenCompletedWithOneExecute("10.07", "Inv SBX-TIMEOUT SBX-WH-DROP", "no response");
        assertThat(detailsInto(done, "COMPLETED").get(0)).startsWith("status lookup: Complete");
    }

    @Test
    void a_webhook_that_overtakes_a_timed_out_execute_completes_the_payout_and_the_late_timeout_changes_nothing() {
        String payee = bankPayee(randomDigits(8));
        BigDecimal before = sandbox.availableToDebit();
        Reply created = api.createPayout(key(), payee, "10.08", "NPP", "Invoice SBX-TIMEOUT");
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String ref = created.body().path("monoovaReference").asText();

        JsonNode completed = api.awaitStatus(created.id(), "COMPLETED", SETTLE);
        // The sandbox holds the execute answer back for 3 s and the client gives up after 1.5 s:
        // the failure is recorded after the webhook completed the payout, and must change nothing.
        holdsFor(Duration.ofSeconds(5), "payout stays as the webhook left it",
                () -> api.payout(created.id()).path("history").equals(completed.path("history")));
        JsonNode done = api.payout(created.id());

        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(count(done, "COMPLETED")).isEqualTo(1);
        assertThat(path(done)).doesNotContain("FAILED");
        assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
        assertMoneyMovedOnce(ref, "10.08", "NppCreditBankAccount");
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo("10.08");
        assertConsistentHistory(done);
    }

    @Test
    void a_connection_reset_after_commit_makes_the_payout_unknown_then_completed_without_a_second_execute() {
        assertUnknownThenCompletedWithOneExecute("10.09", "Invoice SBX-RESET", "no response");
    }

    // ---- webhook faults ----

    @Test
    void a_dropped_webhook_is_made_up_for_by_the_status_lookup() {
        String payee = bankPayee(randomDigits(8));
        BigDecimal before = sandbox.availableToDebit();

        JsonNode done = payAndAwait(payee, "10.10", "NPP", "Invoice SBX-WH-DROP", "COMPLETED");

        assertThat(path(done)).containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        assertThat(detailsInto(done, "COMPLETED").get(0)).startsWith("status lookup: Complete");
        String ref = done.path("monoovaReference").asText();
        assertThat(deliveriesFor(ref)).isEmpty();
        assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
        assertMoneyMovedOnce(ref, "10.10", "NppCreditBankAccount");
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo("10.10");
    }

    @Test
    void a_webhook_delivered_twice_completes_the_payout_once() {
        String payee = bankPayee(randomDigits(8));
        BigDecimal before = sandbox.availableToDebit();

        JsonNode first = payAndAwait(payee, "10.11", "NPP", "Invoice SBX-WH-DUP", "COMPLETED");
        String ref = first.path("monoovaReference").asText();
        Awaitility.await("both copies delivered")
                .atMost(SETTLE)
                .until(() -> deliveriesFor(ref).stream().filter(WebhookDelivery::delivered).count() == 2);
        queues.awaitDrained(Queues.WEBHOOKS, SETTLE);
        JsonNode done = api.payout(first.path("id").asText());

        List<WebhookDelivery> deliveries = deliveriesFor(ref);
        assertThat(deliveries).extracting(WebhookDelivery::webhookId).containsOnly(deliveries.get(0).webhookId());
        assertThat(path(done)).containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        assertThat(count(done, "COMPLETED")).isEqualTo(1);
        assertThat(done.path("updatedAt").asText()).isEqualTo(first.path("updatedAt").asText());
        assertThat(queues.matching(Queues.WEBHOOKS_DLQ, m -> m.body().contains(ref)))
                .as("a duplicate is not a contradiction")
                .isEmpty();
        assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
        assertMoneyMovedOnce(ref, "10.11", "NppCreditBankAccount");
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo("10.11");
    }

    @Test
    void a_delayed_webhook_still_completes_the_payout() {
        String payee = bankPayee(randomDigits(8));
        BigDecimal before = sandbox.availableToDebit();

        JsonNode done = payAndAwait(payee, "10.12", "NPP", "Invoice SBX-WH-DELAY", "COMPLETED");

        String ref = done.path("monoovaReference").asText();
        assertThat(path(done)).containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
        Awaitility.await("the delayed webhook")
                .atMost(SETTLE)
                .until(() -> deliveriesFor(ref).stream().anyMatch(WebhookDelivery::delivered));
        queues.awaitDrained(Queues.WEBHOOKS, SETTLE);
        assertThat(count(api.payout(done.path("id").asText()), "COMPLETED")).isEqualTo(1);
        assertMoneyMovedOnce(ref, "10.12", "NppCreditBankAccount");
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo("10.12");
    }

    @Test
    void a_webhook_sent_before_the_execute_answer_completes_the_payout_once() {
        String payee = bankPayee(randomDigits(8));

        JsonNode first = payAndAwait(payee, "10.13", "NPP", "Invoice SBX-WH-EARLY", "COMPLETED");
        String ref = first.path("monoovaReference").asText();
        queues.awaitDrained(Queues.WEBHOOKS, SETTLE);
        JsonNode done = api.payout(first.path("id").asText());

        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(count(done, "COMPLETED")).isEqualTo(1);
        assertThat(path(done)).startsWith("RECEIVED", "SUBMITTING").doesNotContain("UNKNOWN", "FAILED");
        assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
        assertMoneyMovedOnce(ref, "10.13", "NppCreditBankAccount");
        assertConsistentHistory(done);
    }

    @Test
    void a_pending_payout_stays_submitted_until_monoova_completes_it() {
        String payee = bankPayee(randomDigits(8));
        BigDecimal before = sandbox.availableToDebit();
        Reply created = api.createPayout(key(), payee, "10.14", "NPP", "Invoice SBX-PENDING");
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String ref = created.body().path("monoovaReference").asText();

        JsonNode submitted = api.awaitStatus(created.id(), "SUBMITTED", SETTLE);
        // Past the sweeper's staleness: its status lookups (Pending) must leave the payout as it is.
        holdsFor(Duration.ofSeconds(5), "payout stays SUBMITTED while Monoova says Pending",
                () -> api.payout(created.id()).path("history").equals(submitted.path("history")));
        JsonNode stillPending = api.payout(created.id());
        assertThat(stillPending.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(stillPending.path("history")).isEqualTo(submitted.path("history"));
        assertThat(sandbox.transaction(ref).orElseThrow().status()).isEqualTo(SandboxTransaction.Status.PENDING);

        sandbox.complete(ref);
        JsonNode done = api.awaitStatus(created.id(), "COMPLETED", SETTLE);

        assertThat(path(done)).containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        assertThat(detailsInto(done, "COMPLETED").get(0)).startsWith("NppPaymentStatus webhook");
        assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
        assertMoneyMovedOnce(ref, "10.14", "NppCreditBankAccount");
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo("10.14");
        assertConsistentHistory(done);
    }

    // ---- helpers ----

    private JsonNode assertUnknownThenCompletedWithOneExecute(String amount, String reference, String unknownBecause) {
        String payee = bankPayee(randomDigits(8));
        BigDecimal before = sandbox.availableToDebit();

        JsonNode done = payAndAwait(payee, amount, "NPP", reference, "COMPLETED");

        assertThat(path(done)).containsExactly("RECEIVED", "SUBMITTING", "UNKNOWN", "COMPLETED");
        assertThat(detailsInto(done, "UNKNOWN").get(0)).contains(unknownBecause);
        assertThat(done.path("submitAttempts").asInt()).isEqualTo(1);
        String ref = done.path("monoovaReference").asText();
        assertThat(sandbox.executeCalls(ref)).as("an unknown outcome is never re-executed").isEqualTo(1);
        assertMoneyMovedOnce(ref, amount, "NppCreditBankAccount");
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo(amount);
        return done;
    }

    /** Creates the payout, waits for {@code finalStatus}, checks the history chain and returns the payout. */
    private JsonNode payAndAwait(String payee, String amount, String method, String reference, String finalStatus) {
        Reply created = api.createPayout(key(), payee, amount, method, reference);
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        assertThat(created.body().path("status").asText()).isEqualTo("RECEIVED");
        JsonNode done = api.awaitPayout(created.id(), SETTLE, s -> PAYOUT_SETTLED.contains(s));
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo(finalStatus);
        assertThat(done.path("monoovaReference").asText())
                .isEqualTo(created.body().path("monoovaReference").asText());
        assertConsistentHistory(done);
        return done;
    }

    private static final java.util.Set<String> PAYOUT_SETTLED = java.util.Set.of("COMPLETED", "FAILED", "RETURNED");

    private void assertMoneyMovedOnce(String ref, String amount, String method) {
        List<SandboxTransaction> txs = sandbox.transactions().stream()
                .filter(t -> ref.equals(t.uniqueReference()))
                .toList();
        assertThat(txs).as("Monoova transactions for %s", ref).hasSize(1);
        SandboxTransaction tx = txs.get(0);
        assertThat(tx.moneyMoved()).isTrue();
        assertThat(tx.amount()).isEqualByComparingTo(amount);
        assertThat(tx.disbursementMethod()).isEqualTo(method);
        assertThat(tx.status()).isEqualTo(SandboxTransaction.Status.COMPLETE);
    }

    private List<WebhookDelivery> deliveriesFor(String ref) {
        return sandbox.deliveries().stream()
                .filter(d -> ref.equals(d.uniqueReference()))
                .filter(d -> d.targetUrl().getPath().equals("/webhooks/monoova"))
                .toList();
    }

    /** Whether {@code steps} occur in {@code path} one right after the other. */
    private static boolean containsInOrder(List<String> path, String... steps) {
        return Collections.indexOfSubList(path, List.of(steps)) >= 0;
    }

    private String bankPayee(String accountNumber) {
        return api.createBankPayee(customer, "Jane Citizen", "062-000", accountNumber).id();
    }

    private String payIdPayee() {
        return api.createPayIdPayee(customer, "Jane Citizen", "Email",
                "jane." + UUID.randomUUID().toString().substring(0, 8) + "@example.com").id();
    }

    private static String key() {
        return "scn-" + UUID.randomUUID();
    }

    static String randomDigits(int n) {
        StringBuilder s = new StringBuilder();
        s.append(1 + ThreadLocalRandom.current().nextInt(9));
        while (s.length() < n) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    /** For the checks that something does NOT happen: {@code holds} must stay true for all of {@code d}. */
    private static void holdsFor(Duration d, String what, java.util.concurrent.Callable<Boolean> holds) {
        Awaitility.await(what)
                .during(d)
                .atMost(d.plus(SETTLE))
                .pollInterval(Duration.ofMillis(250))
                .until(holds);
    }
}
