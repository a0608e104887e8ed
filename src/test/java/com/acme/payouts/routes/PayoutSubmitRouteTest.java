package com.acme.payouts.routes;

import static com.acme.payouts.routes.MonoovaStub.fails;
import static com.acme.payouts.routes.MonoovaStub.http;
import static com.acme.payouts.routes.MonoovaStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.config.MonoovaProperties;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.submission.SubmissionSteps;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeInput;
import com.acme.payouts.payout.Actor;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.NewPayout;
import com.acme.payouts.payout.PayoutMethod;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The payout-submit route from its real entry, the submission queue: what each Monoova execute answer
 * does to the payout.
 */
class PayoutSubmitRouteTest extends RouteTestSupport {

    private static final String SUBMISSIONS = "aws2-sqs:{{payouts.queues.payout-submissions}}";

    @Autowired
    private SubmissionSteps steps;

    @Autowired
    private MonoovaProperties monoova;

    @Autowired
    private ObjectMapper json;

    /** Puts the submission message on the queue and waits until payout-submit has finished with it. */
    private void submit(Payout payout, int attempt, Map<String, Object> messageAttributes) throws Exception {
        String message = steps.message(payout.id(), attempt);
        awaitOneMessage("payout-submit", () -> template.sendBodyAndHeaders(SUBMISSIONS, message, messageAttributes));
    }

    private void submit(Payout payout) throws Exception {
        submit(payout, 1, Map.of());
    }

    private static String executeOk(Payout p, long transactionId) {
        return "{\"durationMs\":18,\"status\":\"Ok\",\"statusDescription\":\"Operation completed successfully\","
                + "\"transactionId\":" + transactionId + ",\"callerUniqueReference\":\"" + p.monoovaReference() + "\"}";
    }

    /** A payout as intake makes it: recording the payee version it is for. */
    private Payout payoutForCurrentVersion(Payee payee, String amount) {
        int version = payees.facts(payee.id()).orElseThrow().version();
        return payouts.create(new NewPayout("route-" + UUID.randomUUID(), "test", payee.customerId(), payee.id(),
                        payee.display(), Money.aud(amount), PayoutMethod.NPP, "Invoice 42", new Actor("test", "test"),
                        false, version))
                .payout();
    }

    @Test
    void a_payout_is_paid_to_the_payee_version_it_was_created_for_even_after_the_destination_changed() throws Exception {
        Payee payee = payees.register("c-routes-versions", PayeeInput.forBankAccount("062-000", "11112222", "Jane Citizen"))
                .payee();
        Payout before = payoutForCurrentVersion(payee, "10.00");
        assertThat(before.payeeVersion()).isEqualTo(1);
        payees.update(payee.id(), PayeeInput.forBankAccount("082-001", "33334444", "Jane Citizen"));
        Payout after = payoutForCurrentVersion(payee, "11.00");
        assertThat(after.payeeVersion()).isEqualTo(2);
        MONOOVA.onExecute(before.monoovaReference(), ok(executeOk(before, 2001)));
        MONOOVA.onExecute(after.monoovaReference(), ok(executeOk(after, 2002)));

        submit(before);
        submit(after);

        JsonNode first = json.readTree(MONOOVA.executeCalls(before.monoovaReference()).get(0).body())
                .path("disbursements").get(0).path("toNppCreditBankAccountDetails");
        assertThat(first.path("bsb").asText() + first.path("bsbNumber").asText()).contains("062-000");
        assertThat(first.path("accountNumber").asText()).isEqualTo("11112222");
        JsonNode second = json.readTree(MONOOVA.executeCalls(after.monoovaReference()).get(0).body())
                .path("disbursements").get(0).path("toNppCreditBankAccountDetails");
        assertThat(second.path("accountNumber").asText()).isEqualTo("33334444");
        assertThat(current(before.id()).status()).isEqualTo(PayoutStatus.SUBMITTED);
    }

    @Test
    void a_payout_to_a_deleted_payee_is_refused_without_calling_monoova() throws Exception {
        Payee payee = payees.register("c-routes-deleted", PayeeInput.forBankAccount("062-000", "55556666", "Gone Person"))
                .payee();
        Payout p = payoutForCurrentVersion(payee, "12.00");
        assertThat(payees.delete(payee.id())).isTrue();

        submit(p);

        Payout after = current(p.id());
        assertThat(after.status()).isEqualTo(PayoutStatus.FAILED);
        assertThat(after.failureReason()).contains("no longer exists").doesNotContain("55556666", "Gone");
        assertThat(MONOOVA.executeCalls(p.monoovaReference())).isEmpty();
        assertThat(after.payeeMasked()).doesNotContain("55556666").contains("6666");
    }

    @Test
    void ok_submits_the_payout_with_monoovas_transaction_id() throws Exception {
        Payout p = newPayout(bankPayee(), "125.50");
        MONOOVA.onExecute(p.monoovaReference(), ok(executeOk(p, 1022)));

        submit(p);

        Payout after = current(p.id());
        assertThat(after.status()).isEqualTo(PayoutStatus.SUBMITTED);
        assertThat(after.monoovaTransactionId()).isEqualTo(1022L);
        assertThat(after.submitAttempts()).isEqualTo(1);
    }

    @Test
    void the_execute_call_carries_the_payouts_reference_and_our_credentials_only() throws Exception {
        Payout p = newPayout(bankPayee(), "20.00");
        MONOOVA.onExecute(p.monoovaReference(), ok(executeOk(p, 1023)));

        submit(p, 1, Map.of("customerEmail", "jane.citizen@example.com"));

        assertThat(MONOOVA.executeCalls(p.monoovaReference())).singleElement().satisfies(call -> {
            JsonNode body = json.readTree(call.body());
            assertThat(body.path("uniqueReference").asText()).isEqualTo(p.monoovaReference());
            assertThat(body.path("totalAmount").decimalValue()).isEqualByComparingTo("20.00");
            assertThat(body.path("disbursements").get(0).path("toNppCreditBankAccountDetails").path("accountNumber").asText())
                    .isEqualTo("12345678");
            String basic = (String) call.headers().get("Authorization");
            assertThat(new String(Base64.getDecoder().decode(basic.substring("Basic ".length())), StandardCharsets.UTF_8))
                    .isEqualTo(monoova.apiKey() + ":");
            // a queue message attribute must never travel on to Monoova as an HTTP header
            assertThat(call.headers().keySet())
                    .allMatch(h -> h.startsWith("Camel") || Set.of("Authorization", "Accept", "Content-Type").contains(h))
                    .doesNotContain("customerEmail");
        });
    }

    @Test
    void a_refusal_with_monoovas_envelope_fails_the_payout_with_the_reason() throws Exception {
        Payout p = newPayout(bankPayee(), "10.00");
        MONOOVA.onExecute(p.monoovaReference(), http(400,
                "{\"durationMs\":3,\"status\":\"InvalidBsbNumber\",\"statusDescription\":\"Invalid BSB number\",\"transactionId\":0}"));

        submit(p);

        Payout after = current(p.id());
        assertThat(after.status()).isEqualTo(PayoutStatus.FAILED);
        assertThat(after.failureReason()).contains("InvalidBsbNumber");
    }

    @Test
    void a_duplicate_reference_answer_is_unknown_because_the_payment_may_exist() throws Exception {
        Payout p = newPayout(bankPayee(), "10.00");
        MONOOVA.onExecute(p.monoovaReference(), http(400,
                "{\"durationMs\":3,\"status\":\"DuplicateUniqueReference\",\"statusDescription\":\"already used\",\"transactionId\":0}"));

        submit(p);

        assertThat(current(p.id()).status()).isEqualTo(PayoutStatus.UNKNOWN);
        assertThat(current(p.id()).failureReason()).isNull();
    }

    @Test
    void a_timeout_is_unknown() throws Exception {
        Payout p = newPayout(bankPayee(), "10.00");
        MONOOVA.onExecute(p.monoovaReference(), fails(new SocketTimeoutException("Read timed out")));

        submit(p);

        Payout after = current(p.id());
        assertThat(after.status()).isEqualTo(PayoutStatus.UNKNOWN);
        assertThat(after.history()).last().satisfies(t -> assertThat(t.detail()).contains("SocketTimeoutException"));
    }

    @Test
    void a_server_error_is_unknown() throws Exception {
        Payout p = newPayout(bankPayee(), "10.00");
        MONOOVA.onExecute(p.monoovaReference(), http(500, "{\"status\":\"InternalError\"}"));

        submit(p);

        assertThat(current(p.id()).status()).isEqualTo(PayoutStatus.UNKNOWN);
        assertThat(current(p.id()).history()).last().satisfies(t -> assertThat(t.detail()).contains("HTTP 500"));
    }

    @Test
    void a_payout_already_claimed_is_not_sent_again() throws Exception {
        Payout p = payoutIn(PayoutStatus.SUBMITTED);
        MONOOVA.onExecute(p.monoovaReference(), ok(executeOk(p, 1)));

        submit(p, 2, Map.of());

        assertThat(MONOOVA.executeCalls(p.monoovaReference())).isEmpty();
        assertThat(current(p.id())).isEqualTo(p);
    }

    /**
     * SQS delivers at least once. A late copy of attempt 1, arriving after the payout went back to
     * RECEIVED for attempt 2, must not trigger a submission; attempt 2's own message does.
     */
    @Test
    void a_duplicate_submission_message_for_the_same_attempt_is_skipped() throws Exception {
        Payout p = newPayout(bankPayee(), "10.00");
        MONOOVA.onExecute(p.monoovaReference(), fails(new SocketTimeoutException("Read timed out")), ok(executeOk(p, 2048)));
        MONOOVA.onStatus(p.monoovaReference(), http(400, "{\"status\":\"TransactionNotFound\",\"statusDescription\":\"not found\"}"));
        submit(p, 1, Map.of());
        assertThat(current(p.id()).status()).isEqualTo(PayoutStatus.UNKNOWN);
        // the status lookup proves Monoova never got it: back to RECEIVED, attempt 2 enqueued
        submissionQueue().expectedMessageCount(1);
        template.send("direct:payout-resolve", e -> e.setProperty(SubmissionSteps.PAYOUT_ID, p.id()));
        submissionQueue().assertIsSatisfied();
        String attempt2 = submissionQueue().getExchanges().get(0).getMessage().getBody(String.class);
        assertThat(json.readTree(attempt2).path("attempt").asInt()).isEqualTo(2);
        assertThat(current(p.id()).status()).isEqualTo(PayoutStatus.RECEIVED);

        submit(p, 1, Map.of());

        assertThat(current(p.id()).status()).as("the stale copy of attempt 1 changed nothing").isEqualTo(PayoutStatus.RECEIVED);
        assertThat(MONOOVA.executeCalls(p.monoovaReference())).hasSize(1);

        awaitOneMessage("payout-submit", () -> template.sendBody(SUBMISSIONS, attempt2));

        Payout after = current(p.id());
        assertThat(after.status()).isEqualTo(PayoutStatus.SUBMITTED);
        assertThat(after.monoovaTransactionId()).isEqualTo(2048L);
        assertThat(after.submitAttempts()).isEqualTo(2);
        assertThat(MONOOVA.executeCalls(p.monoovaReference())).hasSize(2)
                .allSatisfy(c -> assertThat(json.readTree(c.body()).path("uniqueReference").asText()).isEqualTo(p.monoovaReference()));
    }
}
