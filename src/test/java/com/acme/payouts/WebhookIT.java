package com.acme.payouts;

import static com.acme.payouts.support.PayoutAssertions.detailsInto;
import static com.acme.payouts.support.PayoutAssertions.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.sandbox.WebhookDelivery;
import com.acme.payouts.store.WebhookReceipt;
import com.acme.payouts.store.WebhookReceiptStore;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.acme.payouts.support.Queues;
import com.acme.payouts.support.WebhookCapture;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Webhook intake: genuine Monoova webhooks (the sandbox's, signed with a key the test never sees)
 * are verified, queued and applied once; anything that is not provably Monoova's, or not for our
 * subscription, is answered 401 and changes nothing at all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(40);
    private static final String WEBHOOK = "/webhooks/monoova?event=NppPaymentStatus";
    private static final AtomicLong WEBHOOK_IDS = new AtomicLong(900_000_000L + ThreadLocalRandom.current().nextInt(1_000_000));

    /** Shared by the tests of this class: a genuine signed delivery, and a payout waiting in SUBMITTED. */
    private static Fixture fixture;

    record Fixture(WebhookCapture.Delivery genuine, String genuineReference, String pendingId, String pendingReference,
            String pendingAmount, JsonNode pendingHistory) {}

    @Value("${monoova.webhook-token}")
    private String token;

    @Autowired
    private WebhookReceiptStore receipts;

    @Autowired
    private com.acme.payouts.webhook.WebhookArchive archive;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private SqsClient sqsClient;

    private Queues queues;

    @BeforeEach
    void fixture() {
        queues = new Queues(sqsClient);
        if (fixture != null) {
            return;
        }
        String customer = "c-wh-" + UUID.randomUUID().toString().substring(0, 8);
        String payee = api.createBankPayee(customer, "Jane Citizen", "062-000", "11223344").id();
        WebhookCapture.Delivery genuine;
        String genuineRef;
        try (WebhookCapture capture = new WebhookCapture(sandbox)) {
            Reply paid = api.createPayout("wh-genuine-" + UUID.randomUUID(), payee, "41.00", "NPP", "Webhook 1");
            assertThat(paid.status()).as(paid.raw()).isEqualTo(202);
            genuineRef = paid.body().path("monoovaReference").asText();
            genuine = capture.awaitFor(genuineRef, SETTLE);
            api.awaitStatus(paid.id(), "COMPLETED", SETTLE);
        }
        Reply pending = api.createPayout("wh-pending-" + UUID.randomUUID(), payee, "42.00", "NPP", "Webhook SBX-PENDING");
        assertThat(pending.status()).as(pending.raw()).isEqualTo(202);
        JsonNode submitted = api.awaitStatus(pending.id(), "SUBMITTED", SETTLE);
        fixture = new Fixture(genuine, genuineRef, pending.id(), submitted.path("monoovaReference").asText(), "42.00",
                submitted.path("history"));
    }

    // ---- genuine webhooks ----

    @Test
    @Order(1)
    void a_genuine_monoova_webhook_is_verified_queued_and_applied_once() {
        String customer = "c-wh-" + UUID.randomUUID().toString().substring(0, 8);
        String payee = api.createPayIdPayee(customer, "Jane Citizen", "Email", "jane.wh@example.com").id();
        Reply created = api.createPayout("wh-ok-" + UUID.randomUUID(), payee, "43.00", "NPP", "Webhook 3");

        JsonNode done = api.awaitStatus(created.id(), "COMPLETED", SETTLE);

        String ref = done.path("monoovaReference").asText();
        List<WebhookDelivery> deliveries = sandbox.deliveries().stream()
                .filter(d -> ref.equals(d.uniqueReference()) && d.targetUrl().getPath().equals("/webhooks/monoova"))
                .toList();
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).httpStatus()).isEqualTo(200);
        String webhookId = String.valueOf(deliveries.get(0).webhookId());
        assertThat(detailsInto(done, "COMPLETED")).containsExactly("NppPaymentStatus webhook " + webhookId + ": Payment Successful");
        WebhookReceipt receipt = awaitReceipt(webhookId);
        assertThat(receipt.outcome()).isEqualTo(WebhookReceipt.Outcome.APPLIED);
        assertThat(receipt.payoutId()).isEqualTo(done.path("id").asText());
        assertThat(receipt.eventName()).isEqualTo("NppPaymentStatus");
    }

    @Test
    @Order(2)
    void a_genuine_signed_body_sent_again_with_our_token_is_accepted_and_recorded_as_a_duplicate() {
        String webhookId = newWebhookId();
        JsonNode before = payoutByReference(fixture.genuineReference());

        Reply r = post(fixture.genuine().body(), Map.of(
                "Authorization", token,
                "Verification-Signature", fixture.genuine().signature(),
                "Webhookid", webhookId));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("received").asBoolean()).isTrue();
        WebhookReceipt receipt = awaitReceipt(webhookId);
        assertThat(receipt.outcome()).isEqualTo(WebhookReceipt.Outcome.IGNORED);
        assertThat(payoutByReference(fixture.genuineReference()).path("history")).isEqualTo(before.path("history"));
    }

    // ---- refused webhooks ----

    /** A webhook that must be refused: a name, and how to build its body and headers. */
    record Forgery(String name, Function<Forger, Request> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Request(byte[] body, Map<String, String> headers) {}

    /** What a forgery can be built from. */
    record Forger(String token, byte[] forgedBody, WebhookCapture.Delivery genuine, KeyPair otherKey) {
        String otherSignature(byte[] body) {
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(otherKey.getPrivate());
                s.update(body);
                return Base64.getEncoder().encodeToString(s.sign());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                        new Forgery("wrong Authorization token", f -> new Request(f.forgedBody(),
                                headers("Bearer not-the-token", f.otherSignature(f.forgedBody())))),
                        new Forgery("only the scheme of our token", f -> new Request(f.forgedBody(),
                                headers(f.token().split(" ")[0], f.otherSignature(f.forgedBody())))),
                        new Forgery("our token with a character changed", f -> new Request(f.forgedBody(),
                                headers(f.token().substring(0, f.token().length() - 1)
                                        + (f.token().endsWith("0") ? "1" : "0"), f.otherSignature(f.forgedBody())))),
                        new Forgery("missing Authorization", f -> new Request(f.forgedBody(),
                                headers(null, f.otherSignature(f.forgedBody())))),
                        new Forgery("missing Verification-Signature", f -> new Request(f.forgedBody(),
                                headers(f.token(), null))),
                        new Forgery("empty Verification-Signature", f -> new Request(f.forgedBody(),
                                headers(f.token(), ""))),
                        new Forgery("signature made with another RSA key", f -> new Request(f.forgedBody(),
                                headers(f.token(), f.otherSignature(f.forgedBody())))),
                        new Forgery("garbage that is not base64", f -> new Request(f.forgedBody(),
                                headers(f.token(), "!!not*base64??")))
                        ,
                        new Forgery("base64 of random bytes", f -> {
                            byte[] random = new byte[256];
                            ThreadLocalRandom.current().nextBytes(random);
                            return new Request(f.forgedBody(), headers(f.token(), Base64.getEncoder().encodeToString(random)));
                        }),
                        new Forgery("Monoova's signature of another body", f -> new Request(f.forgedBody(),
                                headers(f.token(), f.genuine().signature()))),
                        new Forgery("genuine body with one byte altered", f -> new Request(alterOneByte(f.genuine().body()),
                                headers(f.token(), f.genuine().signature()))),
                        new Forgery("genuine body and signature with a wrong token", f -> new Request(f.genuine().body(),
                                headers("Bearer not-the-token", f.genuine().signature()))),
                        new Forgery("genuine body and signature with Monoova's token for another receiver", f -> new Request(
                                f.genuine().body(), headers(WebhookCapture.RECEIVER_TOKEN, f.genuine().signature()))),
                        new Forgery("genuine signature with an empty body", f -> new Request(new byte[0],
                                headers(f.token(), f.genuine().signature()))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    @Order(3)
    void a_webhook_that_is_not_provably_monoovas_is_refused_with_401_and_changes_nothing(Forgery forgery) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] forged = forgedCompletionOfThePendingPayout();
        Request request = forgery.build().apply(new Forger(token, forged, fixture.genuine(), generator.generateKeyPair()));
        String webhookId = newWebhookId();
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("Webhookid", webhookId);
        double rejected = total("payouts.webhooks.rejected");
        double received = total("payouts.webhooks.received");

        Reply r = post(request.body(), headers);

        assertThat(r.status()).as(r.raw()).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body().path("status").asInt()).isEqualTo(401);
        assertThat(r.raw()).doesNotContain(token.split(" ")[1]).doesNotContain(fixture.pendingReference());
        assertThat(r.header("Authorization")).isNull();
        assertThat(r.header("Verification-Signature")).isNull();
        assertThat(total("payouts.webhooks.rejected")).isEqualTo(rejected + 1);

        // Had it been queued, it would be on the queue or processed (with a receipt) by the time the
        // queue is empty again: SQS got it before the HTTP answer.
        queues.awaitDrained(Queues.WEBHOOKS, SETTLE);
        assertThat(total("payouts.webhooks.received")).as("nothing queued").isEqualTo(received);
        assertThat(receipts.find(webhookId)).as("no receipt for refused webhook %s", webhookId).isEmpty();
        assertThat(archive.keys(java.time.LocalDate.now(java.time.ZoneOffset.UTC)))
                .as("nothing archived for refused webhook %s", webhookId)
                .noneMatch(k -> k.endsWith("-" + webhookId + ".wha"));
        JsonNode pending = api.payout(fixture.pendingId());
        assertThat(pending.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(pending.path("history")).isEqualTo(fixture.pendingHistory());
        assertThat(queues.matching(Queues.WEBHOOKS_DLQ,
                        m -> m.body().contains(webhookId) || m.body().contains(fixture.pendingReference())))
                .isEmpty();
    }

    @Test
    @Order(4)
    void after_the_refused_forgeries_the_pending_payout_still_completes_through_monoovas_own_webhook() {
        assertThat(api.payout(fixture.pendingId()).path("status").asText()).isEqualTo("SUBMITTED");

        sandbox.complete(fixture.pendingReference());
        JsonNode done = api.awaitStatus(fixture.pendingId(), "COMPLETED", SETTLE);

        assertThat(path(done)).containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        assertThat(detailsInto(done, "COMPLETED").get(0)).startsWith("NppPaymentStatus webhook");
        assertThat(sandbox.executeCalls(fixture.pendingReference())).isEqualTo(1);
        assertThat(queues.matching(Queues.WEBHOOKS_DLQ, m -> m.body().contains(fixture.pendingReference()))).isEmpty();
    }

    // ---- helpers ----

    /** A well-formed NppPaymentStatus "Payment Successful" for the pending payout, as Monoova would word it. */
    private byte[] forgedCompletionOfThePendingPayout() {
        String json = "{\"TransactionDate\":\"2025-01-01T00:00:00\",\"UniqueReference\":\"" + fixture.pendingReference()
                + "\",\"TransactionId\":1999999,\"Status\":\"Payment Successful\",\"Amount\":" + fixture.pendingAmount()
                + ",\"Bsb\":\"062-000\",\"AccountNumber\":\"11223344\",\"AccountName\":\"Jane Citizen\",\"PayId\":null,"
                + "\"PayIdType\":null,\"EndToEndId\":\"" + fixture.pendingId() + "\",\"RemitterName\":null,"
                + "\"LodgementRef\":\"Webhook SBX-PENDING\",\"RejectionDateTime\":null,\"RejectionReasonDescription\":null,"
                + "\"RejectionTransactionId\":null}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Changes one digit of the Amount, so the JSON stays valid and only the signature can tell. */
    static byte[] alterOneByte(byte[] body) {
        byte[] copy = body.clone();
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.indexOf("\"Amount\":") + "\"Amount\":".length();
        while (!Character.isDigit(text.charAt(at))) {
            at++;
        }
        copy[at] = (byte) (copy[at] == '9' ? '8' : copy[at] + 1);
        return copy;
    }

    private static Map<String, String> headers(String authorization, String signature) {
        Map<String, String> h = new LinkedHashMap<>();
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        if (signature != null) {
            h.put("Verification-Signature", signature);
        }
        return h;
    }

    private Reply post(byte[] body, Map<String, String> headers) {
        return api.post(WEBHOOK, "application/json", body, headers);
    }

    private static String newWebhookId() {
        return String.valueOf(WEBHOOK_IDS.incrementAndGet());
    }

    private WebhookReceipt awaitReceipt(String webhookId) {
        AtomicReference<Optional<WebhookReceipt>> found = new AtomicReference<>(Optional.empty());
        Awaitility.await("receipt of webhook " + webhookId)
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    found.set(receipts.find(webhookId));
                    return found.get().isPresent();
                });
        return found.get().orElseThrow();
    }

    private double total(String counter) {
        return meters.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }

    private JsonNode payoutByReference(String reference) {
        return api.payout(reference.substring("payout-".length()));
    }
}
