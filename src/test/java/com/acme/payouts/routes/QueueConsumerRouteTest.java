package com.acme.payouts.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.payouts.config.PayoutsProperties;
import com.acme.payouts.messaging.DeadLetters;
import com.acme.payouts.messaging.StoreIdempotentRepository;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.store.WebhookReceipt;
import com.acme.payouts.store.WebhookReceiptStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The queue consumers from their real entry, SQS: terminal failures land on the flow's own
 * dead-letter queue with the original body and the reason; duplicates are skipped.
 */
class QueueConsumerRouteTest extends RouteTestSupport {

    @Autowired
    private SqsClient sqs;

    @Autowired
    private PayoutsProperties props;

    @Autowired
    private WebhookReceiptStore receipts;

    @Autowired
    @Qualifier("processedWebhooks")
    private StoreIdempotentRepository processedWebhooks;

    private String url(String queue) {
        return sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
    }

    /** Sends like an upstream system would, with a message attribute that must not survive, and waits for the route. */
    private void send(String routeId, String queue, String body) throws Exception {
        String url = url(queue);
        awaitOneMessage(routeId, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(Map.of(
                "customerEmail",
                MessageAttributeValue.builder().dataType("String").stringValue("jane.citizen@example.com").build()))));
    }

    /** The dead letter whose body contains {@code marker}, read with all its attributes and then deleted. */
    private software.amazon.awssdk.services.sqs.model.Message deadLetter(String queue, String marker) {
        String url = url(queue);
        Optional<software.amazon.awssdk.services.sqs.model.Message> found = await().atMost(Duration.ofSeconds(15))
                .until(() -> sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All")
                                        .maxNumberOfMessages(10).waitTimeSeconds(1))
                                .messages().stream()
                                .filter(m -> m.body().contains(marker))
                                .findFirst(),
                        Optional::isPresent);
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(found.get().receiptHandle()));
        return found.get();
    }

    private static String attribute(software.amazon.awssdk.services.sqs.model.Message m, String name) {
        MessageAttributeValue value = m.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    private static String webhook(String webhookId, String eventName, String payload) {
        return "{\"webhookId\":\"" + webhookId + "\",\"eventName\":\"" + eventName
                + "\",\"receivedAt\":\"2026-11-25T00:00:00Z\",\"payload\":" + payload + "}";
    }

    @Test
    void a_webhook_event_we_do_not_handle_is_dead_lettered_with_its_reason() throws Exception {
        String webhookId = "wh-" + UUID.randomUUID();
        String body = webhook(webhookId, "InboundDirectDebit", "{\"TotalCount\":1,\"DirectDebitDetails\":[]}");

        send("webhook-processing", props.queues().webhooks(), body);

        var dead = deadLetter(props.queues().webhooksDlq(), webhookId);
        assertThat(dead.body()).as("the original message, untouched").isEqualTo(body);
        assertThat(attribute(dead, DeadLetters.REASON)).isEqualTo("event InboundDirectDebit is not handled by this service");
        assertThat(attribute(dead, DeadLetters.ROUTE)).isEqualTo("webhook-processing");
        assertThat(Instant.parse(attribute(dead, DeadLetters.FAILED_AT))).isBefore(Instant.now().plusSeconds(1));
        assertThat(dead.messageAttributes()).as("only our reason attributes travel")
                .containsOnlyKeys(DeadLetters.REASON, DeadLetters.ROUTE, DeadLetters.FAILED_AT);

        assertThat(receipts.find(webhookId)).get().extracting(WebhookReceipt::outcome).isEqualTo(WebhookReceipt.Outcome.REJECTED);
        assertThat(processedWebhooks.contains(webhookId)).as("not marked processed, so a redrive runs again").isFalse();
    }

    @Test
    void a_payment_status_webhook_is_applied_once_and_its_duplicate_skipped() throws Exception {
        Payout p = payoutIn(PayoutStatus.SUBMITTED);
        String webhookId = "wh-" + UUID.randomUUID();
        String body = webhook(webhookId, "NppPaymentStatus", "{\"TransactionId\":8801,\"UniqueReference\":\""
                + p.monoovaReference() + "\",\"Status\":\"Payment Successful\",\"Amount\":10.00}");

        send("webhook-processing", props.queues().webhooks(), body);

        assertThat(current(p.id()).status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(receipts.find(webhookId)).get().extracting(WebhookReceipt::outcome).isEqualTo(WebhookReceipt.Outcome.APPLIED);

        // Monoova's retry of the same webhook: processed again it would be recorded IGNORED
        send("webhook-processing", props.queues().webhooks(), body);

        assertThat(receipts.find(webhookId)).get().extracting(WebhookReceipt::outcome).isEqualTo(WebhookReceipt.Outcome.APPLIED);
        assertThat(current(p.id()).status()).isEqualTo(PayoutStatus.COMPLETED);
    }

    @Test
    void an_invalid_payout_request_is_dead_lettered_naming_the_fields_but_not_their_values() throws Exception {
        String key = "upstream-" + UUID.randomUUID();
        String body = "{\"idempotencyKey\":\"" + key + "\",\"payeeId\":\"pe_abcdefghijklmnopqrstuvwxyz\","
                + "\"amount\":\"98765.4321\",\"currency\":\"AUD\",\"method\":\"NPP\",\"accountNumber\":\"11223344\"}";

        send("payout-requests-consumer", props.queues().payoutRequests(), body);

        var dead = deadLetter(props.queues().payoutRequestsDlq(), key);
        assertThat(dead.body()).isEqualTo(body);
        assertThat(attribute(dead, DeadLetters.REASON)).startsWith("request is invalid")
                .contains("amount", "accountNumber")
                .doesNotContain("98765.4321", "11223344");
        assertThat(attribute(dead, DeadLetters.ROUTE)).isEqualTo("payout-requests-consumer");
        assertThat(payouts.find(PayoutIds.fromIdempotencyKey(key))).as("nothing stored").isEmpty();
    }

    @Test
    void a_payout_request_for_an_unknown_payee_is_dead_lettered_as_unprocessable() throws Exception {
        String key = "upstream-" + UUID.randomUUID();
        String body = "{\"idempotencyKey\":\"" + key + "\",\"payeeId\":\"pe_abcdefghijklmnopqrstuvwxyz\","
                + "\"amount\":\"10.00\",\"currency\":\"AUD\",\"method\":\"NPP\"}";

        send("payout-requests-consumer", props.queues().payoutRequests(), body);

        var dead = deadLetter(props.queues().payoutRequestsDlq(), key);
        assertThat(attribute(dead, DeadLetters.REASON)).isEqualTo("request cannot be processed; payeeId: no payee with this id");
        assertThat(payouts.find(PayoutIds.fromIdempotencyKey(key))).isEmpty();
    }
}
