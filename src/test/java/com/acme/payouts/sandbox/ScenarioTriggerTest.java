package com.acme.payouts.sandbox;

import static com.acme.payouts.sandbox.WebhookTest.awaitOne;
import static com.acme.payouts.sandbox.WebhookTest.deliveriesFor;
import static com.acme.payouts.sandbox.WebhookTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each {@code SBX-*} trigger forces its documented outcome. */
class ScenarioTriggerTest {

    private static final String EXECUTE = "/financial/v2/transaction/execute";
    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(300);

    private static MonoovaSandbox sandbox;
    private static SandboxClient client;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.start();
        client = new SandboxClient(sandbox);
        receiver = new WebhookReceiver();
        client.subscribe("NppPaymentStatus", receiver.url("/status"), "Basic c2VjcmV0");
        client.subscribe("NppReturn", receiver.url("/returns"), "Basic c2VjcmV0");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.close();
    }

    @Test
    void rejectTriggerInTheTopLevelDescriptionRejectsAndCreditsBack() {
        String reference = Requests.reference();
        ObjectNode body = Requests.nppBankAccount(reference, "20.00").put("description", "payout sbx-reject please");
        BigDecimal before = sandbox.availableToDebit();

        assertThat(client.execute(body).httpStatus()).isEqualTo(200);

        assertThat(awaitOne(receiver, reference).json().get("Status").asText()).isEqualTo("Rejected");
        SandboxTransaction transaction = sandbox.transaction(reference).orElseThrow();
        assertThat(transaction.status()).isEqualTo(SandboxTransaction.Status.REJECTED);
        assertThat(transaction.rejectionReason()).isEqualTo("ACCOUNT CLOSED");
        assertThat(transaction.moneyMoved()).isFalse();
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before);
    }

    @Test
    void returnTriggerCompletesThenReturnsWithAnNppReturnWebhook() {
        String reference = Requests.reference();
        int transactionId = client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "15.00"), "SBX-RETURN"))
                .json().get("transactionId").asInt();

        List<WebhookReceiver.Received> webhooks =
                await().atMost(Duration.ofSeconds(5)).until(() -> receiver.forReference(reference), l -> l.size() == 2);

        JsonNode status = webhooks.get(0).json();
        JsonNode returned = webhooks.get(1).json();
        assertThat(status.get("Status").asText()).isEqualTo("Payment Successful");
        assertThat(fieldNames(returned)).containsExactly(
                "ReturnDate", "Amount", "Bsb", "AccountNumber", "AccountName", "PayId", "PayIdType", "EndToEndId",
                "ReturnReason", "TransactionDate", "TransactionId", "UniqueReference", "RemitterName", "LodgementRef",
                "ReturnTransactionId");
        assertThat(returned.get("ReturnReason").asText()).isEqualTo("ACCOUNT CLOSED");
        assertThat(returned.get("TransactionId").asInt()).isEqualTo(transactionId);
        assertThat(returned.get("ReturnTransactionId").asInt()).isNotEqualTo(transactionId);
        assertThat(returned.get("Amount").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(returned.get("LodgementRef").asText()).isEqualTo("SBX-RETURN");

        SandboxTransaction transaction = sandbox.transaction(reference).orElseThrow();
        assertThat(transaction.status()).isEqualTo(SandboxTransaction.Status.COMPLETE);
        assertThat(transaction.returned()).isTrue();
        assertThat(transaction.moneyMoved()).isFalse();
        assertThat(client.status(reference).json().get("transactionStatus").asText()).isEqualTo("Complete");
    }

    @Test
    void pendingTriggerWaitsForTheControlApi() throws Exception {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppPayId(reference, "4.00"), "SBX-PENDING"));

        Thread.sleep(TestSandboxes.NPP_COMPLETION.multipliedBy(3).toMillis());
        assertThat(client.status(reference).json().get("transactionStatus").asText()).isEqualTo("Pending");
        assertThat(receiver.forReference(reference)).isEmpty();

        sandbox.complete(reference);

        assertThat(client.status(reference).json().get("transactionStatus").asText()).isEqualTo("Complete");
        assertThat(awaitOne(receiver, reference).json().get("Status").asText()).isEqualTo("Payment Successful");
        assertThatThrownBy(() -> sandbox.complete(reference)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sandbox.reject(reference, "late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pendingPayoutCanBeRejectedThroughTheHttpControlApiWithAReason() {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "4.00"), "SBX-PENDING"));

        SandboxClient.Reply reply = client.post(
                "/sandbox/v1/transactions/" + SandboxClient.encode(reference) + "/reject", "{\"reason\":\"INVALID BSB\"}");

        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.json().get("transaction").get("status").asText()).isEqualTo("Rejected");
        JsonNode webhook = awaitOne(receiver, reference).json();
        assertThat(webhook.get("RejectionReasonDescription").asText()).isEqualTo("INVALID BSB");
    }

    @Test
    void http500BeforeCommitRecordsNothing() {
        String reference = Requests.reference();
        BigDecimal before = sandbox.availableToDebit();

        SandboxClient.Reply reply = client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "8.00"), "SBX-500"));

        assertThat(reply.httpStatus()).isEqualTo(500);
        assertThat(reply.json().has("status")).isTrue();
        assertThat(client.status(reference).status()).isEqualTo("TransactionNotFound");
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before);
        assertThat(sandbox.executeCalls(reference)).isEqualTo(1);

        SandboxClient.Reply retry = client.execute(Requests.nppBankAccount(reference, "8.00"));

        assertThat(retry.httpStatus()).isEqualTo(200);
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before.subtract(new BigDecimal("8.00")));
    }

    @Test
    void http500AfterCommitHasMovedTheMoney() {
        String reference = Requests.reference();
        ObjectNode body = Requests.withTrigger(Requests.nppBankAccount(reference, "8.00"), "SBX-500C");
        BigDecimal before = sandbox.availableToDebit();

        SandboxClient.Reply reply = client.execute(body);

        assertThat(reply.httpStatus()).isEqualTo(500);
        assertThat(client.status(reference).json().get("transactionStatus").asText()).isIn("Pending", "Complete");
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before.subtract(new BigDecimal("8.00")));
        SandboxClient.Reply retry = client.execute(body);
        assertThat(retry.status()).isEqualTo("DuplicateUniqueReference");
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before.subtract(new BigDecimal("8.00")));
    }

    @Test
    void timeoutTriggerCommitsAndHoldsTheResponseBack() {
        String reference = Requests.reference();
        String body = SandboxClient.toJson(Requests.withTrigger(Requests.nppBankAccount(reference, "6.00"), "SBX-TIMEOUT"));

        assertThatThrownBy(() -> client.postRaw(EXECUTE, body, CLIENT_TIMEOUT)).isInstanceOf(HttpTimeoutException.class);

        assertThat(sandbox.transaction(reference)).isPresent();
        assertThat(sandbox.transaction(reference).orElseThrow().moneyMoved()).isTrue();
        assertThat(client.execute(body).status()).isEqualTo("DuplicateUniqueReference");
    }

    @Test
    void resetTriggerCommitsAndClosesTheConnectionWithoutAResponse() {
        String reference = Requests.reference();
        String body = SandboxClient.toJson(Requests.withTrigger(Requests.nppBankAccount(reference, "6.00"), "SBX-RESET"));
        Instant started = Instant.now();

        assertThatThrownBy(() -> client.postRaw(EXECUTE, body, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);

        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(sandbox.transaction(reference)).isPresent();
        assertThat(sandbox.executeCalls(reference)).isEqualTo(1);
    }

    @Test
    void webhookDropSendsNothingButStatusTellsTheTruth() throws Exception {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "3.00"), "SBX-WH-DROP"));

        await().atMost(Duration.ofSeconds(5)).until(() ->
                "Complete".equals(client.status(reference).json().get("transactionStatus").asText()));
        Thread.sleep(300);

        assertThat(receiver.forReference(reference)).isEmpty();
        assertThat(deliveriesFor(sandbox, reference)).isEmpty();
    }

    @Test
    void webhookDuplicateDeliversTwiceWithTheSameWebhookId() throws Exception {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "3.00"), "SBX-WH-DUP"));

        List<WebhookReceiver.Received> copies =
                await().atMost(Duration.ofSeconds(5)).until(() -> receiver.forReference(reference), l -> l.size() == 2);
        Thread.sleep(300);

        assertThat(receiver.forReference(reference)).hasSize(2);
        assertThat(copies.get(0).webhookId()).isEqualTo(copies.get(1).webhookId());
        assertThat(copies.get(0).body()).isEqualTo(copies.get(1).body());
    }

    @Test
    void webhookDelayDeliversWellAfterCompletion() {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "3.00"), "SBX-WH-DELAY"));
        Instant responded = Instant.now();

        await().atMost(Duration.ofSeconds(5)).until(() ->
                sandbox.transaction(reference).orElseThrow().status() == SandboxTransaction.Status.COMPLETE);
        assertThat(receiver.forReference(reference)).isEmpty();
        WebhookReceiver.Received webhook = awaitOne(receiver, reference);

        assertThat(Duration.between(responded, webhook.at()))
                .isGreaterThanOrEqualTo(TestSandboxes.NPP_COMPLETION.plus(TestSandboxes.WEBHOOK_DELAY).minusMillis(50));
    }

    @Test
    void earlyWebhookArrivesBeforeTheExecuteResponse() {
        String reference = Requests.reference();

        SandboxClient.Reply reply = client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "3.00"), "SBX-WH-EARLY"));

        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(receiver.forReference(reference)).hasSize(1);
        assertThat(receiver.forReference(reference).get(0).json().get("TransactionId").asInt())
                .isEqualTo(reply.json().get("transactionId").asInt());
        assertThat(sandbox.transaction(reference).orElseThrow().status()).isEqualTo(SandboxTransaction.Status.COMPLETE);
    }

    @Test
    void triggerFitsADirectEntryLodgementReferenceAndWorksInTheDisbursementDescription() throws Exception {
        String inLodgement = Requests.reference();
        ObjectNode deBody = Requests.withTrigger(Requests.directCredit(inLodgement, "2.00"), "INV1 SBX-PENDING");
        String inDescription = Requests.reference();
        ObjectNode nppBody = Requests.nppBankAccount(inDescription, "2.00");
        Requests.disbursement(nppBody).put("description", "x SBX-Pending y");

        assertThat(client.validate(deBody).httpStatus()).isEqualTo(200);
        assertThat(client.execute(deBody).httpStatus()).isEqualTo(200);
        assertThat(client.execute(nppBody).httpStatus()).isEqualTo(200);
        Thread.sleep(TestSandboxes.DE_COMPLETION.plusMillis(200).toMillis());

        assertThat(sandbox.transaction(inLodgement).orElseThrow().status()).isEqualTo(SandboxTransaction.Status.PENDING);
        assertThat(sandbox.transaction(inDescription).orElseThrow().status()).isEqualTo(SandboxTransaction.Status.PENDING);
        assertThatThrownBy(() -> sandbox.reject(inLodgement, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NPP");
        sandbox.complete(inLodgement);
        assertThat(sandbox.transaction(inLodgement).orElseThrow().status()).isEqualTo(SandboxTransaction.Status.COMPLETE);
    }

    @Test
    void unknownTokensChangeNothing() {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "2.00"), "SBX-NOPE SBX-RESETX"));

        await().atMost(Duration.ofSeconds(5)).until(() ->
                sandbox.transaction(reference).orElseThrow().status() == SandboxTransaction.Status.COMPLETE);
        assertThat(awaitOne(receiver, reference).json().get("Status").asText()).isEqualTo("Payment Successful");
    }
}
