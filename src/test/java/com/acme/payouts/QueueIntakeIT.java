package com.acme.payouts;

import static com.acme.payouts.support.PayoutAssertions.assertConsistentHistory;
import static com.acme.payouts.support.PayoutAssertions.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.sandbox.SandboxTransaction;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.Queues;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The {@code payout-requests} queue: a valid {@code PayoutRequestMessage} becomes a payout exactly
 * once; a message that cannot be accepted goes to {@code payout-requests-dlq} unchanged, with the
 * reason naming the field, and stores nothing.
 */
class QueueIntakeIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(40);

    @Autowired
    private SqsClient sqsClient;

    private Queues queues;
    private String customer;
    private String bankPayee;
    private String payIdPayee;

    @BeforeEach
    void setUp() {
        queues = new Queues(sqsClient);
        customer = "c-q-" + UUID.randomUUID().toString().substring(0, 8);
        bankPayee = api.createBankPayee(customer, "Jane Citizen", "062-000", "55667788").id();
        payIdPayee = api.createPayIdPayee(customer, "Jane Citizen", "PhoneNumber", "0412345678").id();
    }

    @Test
    void a_valid_message_becomes_a_payout_from_the_queue_that_completes_and_moves_the_money_once() {
        String key = "q-ok-" + UUID.randomUUID();
        String id = PayoutIds.fromIdempotencyKey(key);
        assertThat(api.get("/v1/payouts/" + id).status()).isEqualTo(404);

        queues.send(Queues.PAYOUT_REQUESTS, message(key, bankPayee, "51.00", "NPP", "Queued 1"));
        JsonNode done = api.awaitCreatedPayout(id, SETTLE, "COMPLETED"::equals);

        assertThat(done.path("history").get(0).path("detail").asText()).isEqualTo("accepted from sqs:payout-requests");
        assertThat(path(done)).containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        assertThat(done.path("customerId").asText()).isEqualTo(customer);
        assertThat(done.path("amount").asText()).isEqualTo("51.00");
        assertThat(done.path("reference").asText()).isEqualTo("Queued 1");
        assertConsistentHistory(done);
        String ref = done.path("monoovaReference").asText();
        assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
        SandboxTransaction tx = sandbox.transaction(ref).orElseThrow();
        assertThat(tx.moneyMoved()).isTrue();
        assertThat(tx.amount()).isEqualByComparingTo("51.00");
    }

    @Test
    void the_same_message_delivered_again_creates_no_second_payout_and_no_second_execute() {
        String key = "q-dup-" + UUID.randomUUID();
        String body = message(key, payIdPayee, "52.00", "NPP", null);
        queues.send(Queues.PAYOUT_REQUESTS, body);
        JsonNode done = api.awaitCreatedPayout(PayoutIds.fromIdempotencyKey(key), SETTLE, "COMPLETED"::equals);

        queues.send(Queues.PAYOUT_REQUESTS, body);
        queues.send(Queues.PAYOUT_REQUESTS, body);
        queues.awaitDrained(Queues.PAYOUT_REQUESTS, SETTLE);
        queues.awaitDrained(Queues.PAYOUT_SUBMISSIONS, SETTLE);

        assertThat(api.countPayouts(customer)).isEqualTo(1);
        JsonNode after = api.payout(done.path("id").asText());
        assertThat(after.path("history")).isEqualTo(done.path("history"));
        assertThat(sandbox.executeCalls(done.path("monoovaReference").asText())).isEqualTo(1);
        assertThat(queues.matching(Queues.PAYOUT_REQUESTS_DLQ, m -> m.body().contains(key))).isEmpty();
    }

    /** A message the consumer must refuse, and the field its dead-letter reason must name. */
    record Refused(String name, String body, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> refusedMessages() {
        return Stream.of(
                        new Refused("amount without two decimals",
                                "{\"idempotencyKey\":\"{KEY}\",\"payeeId\":\"{BANK}\",\"amount\":\"12.5\",\"currency\":\"AUD\",\"method\":\"NPP\"}",
                                "amount"),
                        new Refused("amount as a JSON number",
                                "{\"idempotencyKey\":\"{KEY}\",\"payeeId\":\"{BANK}\",\"amount\":12.50,\"currency\":\"AUD\",\"method\":\"NPP\"}",
                                "amount"),
                        new Refused("amount 0.00",
                                "{\"idempotencyKey\":\"{KEY}\",\"payeeId\":\"{BANK}\",\"amount\":\"0.00\",\"currency\":\"AUD\",\"method\":\"NPP\"}",
                                "amount"),
                        new Refused("missing idempotencyKey",
                                "{\"payeeId\":\"{BANK}\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"NPP\",\"reference\":\"{KEY}\"}",
                                "idempotencyKey"),
                        new Refused("idempotencyKey too short",
                                "{\"idempotencyKey\":\"short\",\"payeeId\":\"{BANK}\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"NPP\",\"reference\":\"{KEY}\"}",
                                "idempotencyKey"),
                        new Refused("unknown payee",
                                "{\"idempotencyKey\":\"{KEY}\",\"payeeId\":\"pe_" + "a".repeat(26) + "\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"NPP\"}",
                                "payeeId"),
                        new Refused("Direct Entry to a PayID payee",
                                "{\"idempotencyKey\":\"{KEY}\",\"payeeId\":\"{PAYID}\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"DE\"}",
                                "method"),
                        new Refused("currency other than AUD",
                                "{\"idempotencyKey\":\"{KEY}\",\"payeeId\":\"{BANK}\",\"amount\":\"12.50\",\"currency\":\"NZD\",\"method\":\"NPP\"}",
                                "currency"),
                        new Refused("extra property",
                                "{\"idempotencyKey\":\"{KEY}\",\"payeeId\":\"{BANK}\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"NPP\",\"priority\":\"high\"}",
                                "priority"),
                        new Refused("not JSON", "pay {KEY} twelve dollars fifty", "body"),
                        new Refused("a JSON string instead of an object", "\"{KEY}\"", "body"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedMessages")
    void a_message_that_cannot_be_accepted_is_dead_lettered_unchanged_with_the_reason_and_stores_nothing(Refused refused) {
        int before = api.countPayouts(customer);
        String key = "q-bad-" + UUID.randomUUID();
        String body = refused.body().replace("{KEY}", key).replace("{BANK}", bankPayee).replace("{PAYID}", payIdPayee);
        Instant sent = Instant.now();

        queues.send(Queues.PAYOUT_REQUESTS, body);
        Message dead = queues.awaitMessage(Queues.PAYOUT_REQUESTS_DLQ, m -> m.body().contains(key), SETTLE);

        assertThat(dead.body()).as("the original body, unchanged").isEqualTo(body);
        String reason = Queues.attribute(dead, "deadLetterReason");
        assertThat(reason).as("reason of %s", refused).isNotBlank().contains(refused.field());
        assertThat(Queues.attribute(dead, "deadLetterRoute")).isEqualTo("payout-requests-consumer");
        assertThat(Instant.parse(Queues.attribute(dead, "deadLetterFailedAt"))).isAfterOrEqualTo(sent.minusSeconds(5));
        assertThat(dead.messageAttributes().keySet())
                .as("only our own attributes travel to the dead-letter queue")
                .containsExactlyInAnyOrder("deadLetterReason", "deadLetterRoute", "deadLetterFailedAt");
        assertThat(api.get("/v1/payouts/" + PayoutIds.fromIdempotencyKey(key)).status()).isEqualTo(404);
        assertThat(api.countPayouts(customer)).isEqualTo(before);
        queues.delete(Queues.PAYOUT_REQUESTS_DLQ, dead);
    }

    @Test
    void a_key_reused_with_a_different_body_is_dead_lettered_and_the_original_payout_is_untouched() {
        String key = "q-reuse-" + UUID.randomUUID();
        queues.send(Queues.PAYOUT_REQUESTS, message(key, bankPayee, "53.00", "NPP", "Reuse 1"));
        JsonNode done = api.awaitCreatedPayout(PayoutIds.fromIdempotencyKey(key), SETTLE, "COMPLETED"::equals);

        String changed = message(key, bankPayee, "530.00", "NPP", "Reuse 1");
        queues.send(Queues.PAYOUT_REQUESTS, changed);
        Message dead = queues.awaitMessage(Queues.PAYOUT_REQUESTS_DLQ, m -> m.body().contains(key), SETTLE);

        assertThat(dead.body()).isEqualTo(changed);
        assertThat(Queues.attribute(dead, "deadLetterReason"))
                .contains("idempotencyKey")
                .contains("different request");
        JsonNode after = api.payout(done.path("id").asText());
        assertThat(after.path("amount").asText()).isEqualTo("53.00");
        assertThat(after.path("history")).isEqualTo(done.path("history"));
        assertThat(api.countPayouts(customer)).isEqualTo(1);
        assertThat(sandbox.executeCalls(done.path("monoovaReference").asText())).isEqualTo(1);
        queues.delete(Queues.PAYOUT_REQUESTS_DLQ, dead);
    }

    @Test
    void a_key_first_used_over_http_is_replayed_not_duplicated_when_the_same_request_arrives_on_the_queue() {
        String key = "q-cross-" + UUID.randomUUID();
        var created = api.createPayout(key, bankPayee, "54.00", "NPP", "Cross 1");
        assertThat(created.status()).isEqualTo(202);
        JsonNode done = api.awaitStatus(created.id(), "COMPLETED", SETTLE);

        queues.send(Queues.PAYOUT_REQUESTS, message(key, bankPayee, "54.00", "NPP", "Cross 1"));
        queues.awaitDrained(Queues.PAYOUT_REQUESTS, SETTLE);

        Awaitility.await().during(Duration.ofSeconds(1)).atMost(SETTLE)
                .until(() -> queues.matching(Queues.PAYOUT_REQUESTS_DLQ, m -> m.body().contains(key)).isEmpty());
        assertThat(api.countPayouts(customer)).isEqualTo(1);
        assertThat(api.payout(created.id()).path("history")).isEqualTo(done.path("history"));
        assertThat(sandbox.executeCalls(done.path("monoovaReference").asText())).isEqualTo(1);
    }

    private static String message(String key, String payeeId, String amount, String method, String reference) {
        return "{\"idempotencyKey\":\"" + key + "\",\"payeeId\":\"" + payeeId + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"AUD\",\"method\":\"" + method + "\""
                + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}";
    }
}
