package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ControlApiTest {

    private static MonoovaSandbox sandbox;
    private static SandboxClient client;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.start();
        client = new SandboxClient(sandbox);
        receiver = new WebhookReceiver();
        client.subscribe("NppReturn", receiver.url("/returns"), "Bearer t0ken");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.close();
    }

    private static String path(String reference, String action) {
        return "/sandbox/v1/transactions/" + SandboxClient.encode(reference) + action;
    }

    @Test
    void completeAndReturnThroughHttpMoveStateAndMoney() {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "60.00"), "SBX-PENDING"));
        BigDecimal afterDebit = sandbox.availableToDebit();

        JsonNode completed = client.post(path(reference, "/complete"), "").json();
        assertThat(completed.get("transaction").get("status").asText()).isEqualTo("Complete");

        SandboxClient.Reply returned = client.post(path(reference, "/return"), "{\"reason\":\"REFUSED BY CUSTOMER\"}");

        assertThat(returned.httpStatus()).isEqualTo(200);
        assertThat(returned.json().get("transaction").get("returned").asBoolean()).isTrue();
        assertThat(returned.json().get("transaction").get("moneyMoved").asBoolean()).isFalse();
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(afterDebit.add(new BigDecimal("60.00")));
        assertThat(WebhookTest.awaitOne(receiver, reference).json().get("ReturnReason").asText()).isEqualTo("REFUSED BY CUSTOMER");
        assertThat(client.post(path(reference, "/return"), "").status()).isEqualTo("InvalidTransactionState");
    }

    @Test
    void transitionsOnUnknownOrFinishedPayoutsAreRefused() {
        assertThat(client.post(path("nope-" + Requests.reference(), "/complete"), "").status()).isEqualTo("TransactionNotFound");
        assertThatThrownBy(() -> sandbox.complete("nope")).isInstanceOf(NoSuchElementException.class);

        String pending = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(pending, "1.00"), "SBX-PENDING"));
        assertThat(client.post(path(pending, "/return"), "").status()).isEqualTo("InvalidTransactionState");
        assertThatThrownBy(() -> sandbox.returnPayment(pending, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void transactionAndLedgerViewsAgreeWithTheJavaApi() {
        String reference = Requests.reference();
        client.execute(Requests.nppPayId(reference, "11.00"));
        client.execute(Requests.nppPayId(reference, "11.00"));

        JsonNode transaction = client.get(path(reference, "")).json().get("transaction");
        assertThat(transaction.get("uniqueReference").asText()).isEqualTo(reference);
        assertThat(transaction.get("executeCalls").asInt()).isEqualTo(2);
        assertThat(transaction.get("amount").decimalValue()).isEqualByComparingTo("11.00");
        assertThat(transaction.get("disbursementMethod").asText()).isEqualTo("NppCreditPayId");

        JsonNode ledger = client.get("/sandbox/v1/ledger").json();
        assertThat(ledger.get("openingBalance").decimalValue()).isEqualByComparingTo("1000000.00");
        assertThat(ledger.get("availableToDebit").decimalValue()).isEqualByComparingTo(sandbox.availableToDebit());
        assertThat(ledger.get("totalDebited").decimalValue()).isEqualByComparingTo(sandbox.totalDebited());
        assertThat(ledger.get("executeCalls").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(ledger.get("duplicateExecutes").asInt()).isGreaterThanOrEqualTo(1);

        JsonNode list = client.get("/sandbox/v1/transactions").json().get("transactions");
        assertThat(list.size()).isEqualTo(sandbox.transactions().size());

        SandboxClient.Reply unknown = client.get(path("never-" + Requests.reference(), ""));
        assertThat(unknown.status()).isEqualTo("TransactionNotFound");
        assertThat(unknown.json().get("executeCalls").asInt()).isZero();
    }

    @Test
    void fundsTopUpAvailableToDebit() {
        BigDecimal before = sandbox.availableToDebit();

        SandboxClient.Reply reply = client.post("/sandbox/v1/funds", "{\"amount\":250.75}");

        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before.add(new BigDecimal("250.75")));
        assertThat(client.post("/sandbox/v1/funds", "{\"amount\":1.005}").status()).isEqualTo("InvalidAmount");
        assertThat(client.post("/sandbox/v1/funds", "{\"amount\":-1}").status()).isEqualTo("InvalidAmount");
        assertThatThrownBy(() -> sandbox.credit(new BigDecimal("0.001"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deliveriesAreListedOverHttp() {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "1.00"), "SBX-RETURN"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !WebhookTest.deliveriesFor(sandbox, reference).isEmpty());
        JsonNode deliveries = client.get("/sandbox/v1/webhooks/deliveries").json().get("deliveries");

        JsonNode delivery = null;
        for (JsonNode item : deliveries) {
            if (reference.equals(item.get("uniqueReference").asText())) {
                delivery = item;
            }
        }
        assertThat(delivery).isNotNull();
        assertThat(delivery.get("eventName").asText()).isEqualTo("NppReturn");
        assertThat(delivery.get("attempt").asInt()).isEqualTo(1);
        assertThat(delivery.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(delivery.get("webhookId").asLong()).isPositive();
    }
}
