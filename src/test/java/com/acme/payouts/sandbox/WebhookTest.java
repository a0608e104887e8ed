package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private static final String TOKEN = "Bearer receiver-secret-123";
    private static final List<String> PAYMENT_STATUS_FIELDS = List.of(
            "TransactionDate", "UniqueReference", "TransactionId", "Status", "Amount", "Bsb", "AccountNumber",
            "AccountName", "PayId", "PayIdType", "EndToEndId", "RemitterName", "LodgementRef", "RejectionDateTime",
            "RejectionReasonDescription", "RejectionTransactionId");
    private static final String LOCAL_DATE_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?";

    private static MonoovaSandbox sandbox;
    private static SandboxClient client;
    private static WebhookReceiver receiver;
    private static WebhookReceiver second;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.start();
        client = new SandboxClient(sandbox);
        receiver = new WebhookReceiver();
        second = new WebhookReceiver();
        client.subscribe("NppPaymentStatus", receiver.url("/webhooks/npp-status"), TOKEN);
        // A second subscription to the same event: each one gets its own notification
        client.subscribe("NppPaymentStatus", second.url("/webhooks/second"), TOKEN);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.close();
        second.close();
    }

    @Test
    void successWebhookHasTheSpecHeadersAndPascalCasePayload() throws Exception {
        String reference = Requests.reference();
        int transactionId = client.execute(Requests.nppBankAccount(reference, "12.34")).json().get("transactionId").asInt();

        WebhookReceiver.Received webhook = awaitOne(receiver, reference);

        assertThat(webhook.header("Content-Type")).startsWith("application/json");
        assertThat(webhook.header("Authorization")).isEqualTo(TOKEN);
        assertThat(webhook.header("Webhookid")).matches("\\d+");
        assertThat(webhook.header("Verification-Signature")).isNotBlank();
        JsonNode json = webhook.json();
        assertThat(fieldNames(json)).containsExactlyElementsOf(PAYMENT_STATUS_FIELDS);
        assertThat(json.get("Status").asText()).isEqualTo("Payment Successful");
        assertThat(json.get("UniqueReference").asText()).isEqualTo(reference);
        assertThat(json.get("TransactionId").asInt()).isEqualTo(transactionId);
        assertThat(json.get("Amount").isNumber()).isTrue();
        assertThat(json.get("Amount").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(json.get("Bsb").asText()).isEqualTo(Requests.BSB);
        assertThat(json.get("AccountNumber").asText()).isEqualTo(Requests.ACCOUNT_NUMBER);
        assertThat(json.get("AccountName").asText()).isEqualTo(Requests.ACCOUNT_NAME);
        assertThat(json.get("PayId").isNull()).isTrue();
        assertThat(json.get("EndToEndId").asText()).isEqualTo("E2E/123-4356");
        assertThat(json.get("RemitterName").asText()).isEqualTo("Acme Payouts");
        assertThat(json.get("LodgementRef").asText()).isEqualTo("Payout 123");
        assertThat(json.get("TransactionDate").asText()).matches(LOCAL_DATE_TIME);
        assertThat(json.get("RejectionDateTime").isNull()).isTrue();
        assertThat(json.get("RejectionReasonDescription").isNull()).isTrue();
        assertThat(json.get("RejectionTransactionId").isNull()).isTrue();
    }

    @Test
    void signatureVerifiesWithThePublishedKeyOverTheExactBody() throws Exception {
        String reference = Requests.reference();
        client.execute(Requests.nppPayId(reference, "5.00"));
        WebhookReceiver.Received webhook = awaitOne(receiver, reference);
        String hex = client.withAuthorization(null).get("/public/v1/certificate/public-key").text();
        RSAPublicKey key = PublicKeys.fromPkcs1Hex(hex);
        String signature = webhook.header("Verification-Signature");

        assertThat(PublicKeys.verifies(key, webhook.body(), signature)).isTrue();

        byte[] tampered = Arrays.copyOf(webhook.body(), webhook.body().length);
        tampered[tampered.length / 2] ^= 1;
        assertThat(PublicKeys.verifies(key, tampered, signature)).isFalse();
        byte[] reserialised = SandboxClient.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(webhook.json());
        assertThat(PublicKeys.verifies(key, reserialised, signature)).isFalse();
    }

    @Test
    void payIdPayoutReportsThePayIdAndNoBankAccount() {
        String reference = Requests.reference();
        client.execute(Requests.nppPayId(reference, "5.00"));

        JsonNode json = awaitOne(receiver, reference).json();

        assertThat(json.get("PayId").asText()).isEqualTo(Requests.PAY_ID);
        assertThat(json.get("PayIdType").asText()).isEqualTo("Email");
        assertThat(json.get("Bsb").isNull()).isTrue();
        assertThat(json.get("AccountNumber").isNull()).isTrue();
    }

    @Test
    void rejectionWebhookCarriesTheRejectionFields() {
        String reference = Requests.reference();
        int transactionId = client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "9.99"), "SBX-REJECT"))
                .json().get("transactionId").asInt();

        JsonNode json = awaitOne(receiver, reference).json();

        assertThat(fieldNames(json)).containsExactlyElementsOf(PAYMENT_STATUS_FIELDS);
        assertThat(json.get("Status").asText()).isEqualTo("Rejected");
        assertThat(json.get("RejectionDateTime").asText()).matches(LOCAL_DATE_TIME);
        assertThat(json.get("RejectionReasonDescription").asText()).isEqualTo("ACCOUNT CLOSED");
        assertThat(json.get("RejectionTransactionId").isInt()).isTrue();
        assertThat(json.get("RejectionTransactionId").asInt()).isNotEqualTo(transactionId);
    }

    @Test
    void webhookIdsAreUniquePerNotification() {
        String firstReference = Requests.reference();
        String secondReference = Requests.reference();
        client.execute(Requests.nppBankAccount(firstReference, "1.00"));
        client.execute(Requests.nppBankAccount(secondReference, "1.00"));

        long firstId = awaitOne(receiver, firstReference).webhookId();
        long secondId = awaitOne(receiver, secondReference).webhookId();
        long secondSubscriptionId = awaitOne(second, firstReference).webhookId();

        assertThat(List.of(firstId, secondId, secondSubscriptionId)).doesNotHaveDuplicates();
    }

    @Test
    void aReceiverAnswering500GetsExactlyOneRetryAfterThePauseWithTheSameIdAndBody() {
        try (MonoovaSandbox own = TestSandboxes.start(); WebhookReceiver failing = new WebhookReceiver()) {
            SandboxClient ownClient = new SandboxClient(own);
            ownClient.subscribe("NppPaymentStatus", failing.url("/fail-first"), TOKEN);
            failing.respondWith(r -> failing.received().stream().filter(x -> x.webhookId() == r.webhookId()).count() == 1 ? 500 : 200);
            String reference = Requests.reference();

            ownClient.execute(Requests.nppBankAccount(reference, "2.00"));

            List<WebhookReceiver.Received> attempts =
                    await().atMost(Duration.ofSeconds(5)).until(() -> failing.forReference(reference), l -> l.size() == 2);
            assertThat(attempts.get(1).webhookId()).isEqualTo(attempts.get(0).webhookId());
            assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
            assertThat(attempts.get(1).header("Verification-Signature")).isEqualTo(attempts.get(0).header("Verification-Signature"));
            assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
                    .isGreaterThanOrEqualTo(TestSandboxes.RETRY_PAUSE.minusMillis(20));
            List<WebhookDelivery> deliveries = deliveriesFor(own, reference);
            assertThat(deliveries).extracting(WebhookDelivery::attempt).containsExactly(1, 2);
            assertThat(deliveries).extracting(WebhookDelivery::httpStatus).containsExactly(500, 200);
        }
    }

    @Test
    void aReceiverThatKeepsFailingIsTriedExactlyTwice() throws Exception {
        try (MonoovaSandbox own = TestSandboxes.start(); WebhookReceiver down = new WebhookReceiver()) {
            SandboxClient ownClient = new SandboxClient(own);
            down.respondWith(r -> 503);
            ownClient.subscribe("NppPaymentStatus", down.url("/down"), TOKEN);
            URI closedPort = URI.create("http://localhost:" + freePort() + "/nobody-listens");
            ownClient.subscribe("NppPaymentStatus", closedPort, TOKEN);
            String reference = Requests.reference();

            ownClient.execute(Requests.nppBankAccount(reference, "2.00"));

            await().atMost(Duration.ofSeconds(5)).until(() -> deliveriesFor(own, reference).size() == 4);
            Thread.sleep(TestSandboxes.RETRY_PAUSE.multipliedBy(3).toMillis());
            assertThat(down.forReference(reference)).hasSize(2);
            List<WebhookDelivery> deliveries = deliveriesFor(own, reference);
            assertThat(deliveries).hasSize(4).noneMatch(WebhookDelivery::delivered);
            List<WebhookDelivery> refused = deliveries.stream()
                    .filter(d -> d.targetUrl().equals(closedPort)).collect(Collectors.toList());
            assertThat(refused).extracting(WebhookDelivery::attempt).containsExactly(1, 2);
            assertThat(refused).allSatisfy(d -> {
                assertThat(d.httpStatus()).isNull();
                assertThat(d.error()).isNotBlank();
            });
        }
    }

    @Test
    void subscriptionsThatAreOffOrForOtherEventsReceiveNothing() throws Exception {
        try (MonoovaSandbox own = TestSandboxes.start(); WebhookReceiver silent = new WebhookReceiver()) {
            SandboxClient ownClient = new SandboxClient(own);
            ownClient.post("/subscriptions/v1/create", SandboxClient.MAPPER.createObjectNode()
                    .put("eventName", "NppPaymentStatus").put("targetUrl", silent.url("/off").toString())
                    .put("subscriptionStatus", "Off").put("securityToken", TOKEN));
            ownClient.subscribe("NPPReceivePayment", silent.url("/other-event"), TOKEN);
            ownClient.subscribe("NppReturn", silent.url("/returns"), TOKEN);
            String reference = Requests.reference();

            ownClient.execute(Requests.nppBankAccount(reference, "2.00"));
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    own.transaction(reference).orElseThrow().status() == SandboxTransaction.Status.COMPLETE);
            Thread.sleep(300);

            assertThat(silent.received()).isEmpty();
            assertThat(own.deliveries()).isEmpty();
        }
    }

    @Test
    void directCreditSendsNoWebhook() throws Exception {
        String reference = Requests.reference();
        client.execute(Requests.directCredit(reference, "3.00"));

        await().atMost(Duration.ofSeconds(5)).until(() ->
                sandbox.transaction(reference).orElseThrow().status() == SandboxTransaction.Status.COMPLETE);
        Thread.sleep(200);

        assertThat(deliveriesFor(sandbox, reference)).isEmpty();
    }

    static WebhookReceiver.Received awaitOne(WebhookReceiver receiver, String reference) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> receiver.forReference(reference), l -> !l.isEmpty()).get(0);
    }

    static List<WebhookDelivery> deliveriesFor(MonoovaSandbox sandbox, String reference) {
        return sandbox.deliveries().stream()
                .filter(d -> Objects.equals(reference, d.uniqueReference()))
                .collect(Collectors.toList());
    }

    static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
