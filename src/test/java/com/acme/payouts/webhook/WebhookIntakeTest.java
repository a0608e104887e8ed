package com.acme.payouts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.monoova.MonoovaPublicKeys;
import com.acme.payouts.support.TestJson;
import com.acme.payouts.support.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class WebhookIntakeTest {

    private static final String TOKEN = "Bearer 0c5e2d7a";
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    /** A NppPaymentStatus body as Monoova sends it, with the payee's details in the clear. */
    private static final String RAW = """
            {"TransactionId":775501,"UniqueReference":"payout-po_abcdefghijklmnopqrstuvwxyz","Status":"Payment Successful",\
            "Amount":125.50,"Bsb":"062-000","AccountNumber":"12345678","AccountName":"Jane Citizen",\
            "PayId":"jane.citizen@example.com","RemitterName":"Acme Pty Ltd","Nested":{"accountName":"Jane Citizen"}}""";

    private static final KeyPair monoova = TestKeys.MONOOVA;
    private final ObjectMapper json = TestJson.mapper();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WebhookIntake intake;
    private final List<ArchivedWebhook> archived = new java.util.ArrayList<>();
    private final WebhookArchive archive = new WebhookArchive() {
        @Override
        public String store(ArchivedWebhook webhook) {
            archived.add(webhook);
            return "key-" + archived.size();
        }

        @Override
        public java.util.Optional<ArchivedWebhook> read(String key) {
            return java.util.Optional.empty();
        }

        @Override
        public List<String> keys(java.time.LocalDate day) {
            return List.of();
        }
    };

    private WebhookIntake intake() {
        if (intake == null) {
            MonoovaPublicKeys keys = new MonoovaPublicKeys(() -> TestKeys.publicKeyHex(monoova),
                    List.of(), Clock.systemUTC(), Duration.ofHours(1));
            intake = new WebhookIntake(new WebhookAuthenticator(() -> TOKEN, keys), json,
                    Clock.fixed(NOW, ZoneOffset.UTC), meters, archive);
        }
        return intake;
    }

    private Exchange webhook(String body, String authorization, String signature) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(body.getBytes(StandardCharsets.UTF_8));
        exchange.getIn().setHeader("Authorization", authorization);
        exchange.getIn().setHeader("Verification-Signature", signature);
        exchange.getIn().setHeader("Webhookid", "448812");
        exchange.getIn().setHeader("event", "NppPaymentStatus");
        exchange.getIn().setHeader(Exchange.HTTP_URI, "/webhooks/monoova");
        return exchange;
    }

    @Test
    void the_queued_event_carries_no_account_details_and_no_request_headers() throws Exception {
        Exchange exchange = webhook(RAW, TOKEN, TestKeys.sign(monoova, RAW.getBytes(StandardCharsets.UTF_8)));

        intake().authenticate(exchange);
        intake().toQueueMessage(exchange);

        String queued = exchange.getIn().getBody(String.class);
        assertThat(queued).doesNotContain("12345678", "Jane Citizen", "jane.citizen@example.com", "062-000", "Acme Pty");
        JsonNode event = json.readTree(queued);
        assertThat(event.path("webhookId").asText()).isEqualTo("448812");
        assertThat(event.path("eventName").asText()).isEqualTo("NppPaymentStatus");
        assertThat(Instant.parse(event.path("receivedAt").asText())).isEqualTo(NOW);
        JsonNode payload = event.path("payload");
        assertThat(payload.path("UniqueReference").asText()).isEqualTo("payout-po_abcdefghijklmnopqrstuvwxyz");
        assertThat(payload.path("Status").asText()).isEqualTo("Payment Successful");
        assertThat(payload.path("Amount").decimalValue()).isEqualByComparingTo("125.50");
        assertThat(payload.path("AccountNumber").asText()).endsWith("678").startsWith("*");
        assertThat(exchange.getIn().getHeaders()).as("nothing may reach SQS as an attribute").isEmpty();
    }

    @Test
    void the_raw_body_is_archived_exactly_as_signed_with_its_signature_and_not_kept_on_the_exchange() throws Exception {
        String signature = TestKeys.sign(monoova, RAW.getBytes(StandardCharsets.UTF_8));
        Exchange exchange = webhook(RAW, TOKEN, signature);

        intake().authenticate(exchange);
        intake().toQueueMessage(exchange);
        intake().archive(exchange);

        assertThat(archived).hasSize(1);
        ArchivedWebhook a = archived.get(0);
        assertThat(a.body()).isEqualTo(RAW.getBytes(StandardCharsets.UTF_8));
        assertThat(a.signature()).isEqualTo(signature);
        assertThat(a.webhookId()).isEqualTo("448812");
        assertThat(a.eventName()).isEqualTo("NppPaymentStatus");
        assertThat(a.receivedAt()).isEqualTo(NOW);
        assertThat(a.toString()).doesNotContain("12345678", "Jane");
        assertThat(exchange.getProperties()).doesNotContainKey(WebhookIntake.RAW_BODY);
        assertThat(exchange.getProperties().values()).noneMatch(v -> v instanceof byte[]);
    }

    @Test
    void without_webhookid_an_identical_body_gets_the_same_derived_id() throws Exception {
        String signature = TestKeys.sign(monoova, RAW.getBytes(StandardCharsets.UTF_8));
        String[] ids = new String[2];
        for (int i = 0; i < 2; i++) {
            Exchange exchange = webhook(RAW, TOKEN, signature);
            exchange.getIn().removeHeader("Webhookid");
            intake().authenticate(exchange);
            intake().toQueueMessage(exchange);
            ids[i] = json.readTree(exchange.getIn().getBody(String.class)).path("webhookId").asText();
        }
        assertThat(ids[0]).startsWith("sha256-").isEqualTo(ids[1]);
    }

    @Test
    void an_unverified_webhook_is_refused_counted_and_never_parsed() {
        Exchange exchange = webhook(RAW, "Bearer guessed", "c2lnbmF0dXJl");
        assertThatThrownBy(() -> intake().authenticate(exchange)).isInstanceOf(WebhookAuthenticationException.class);
        assertThat(exchange.getProperty(WebhookIntake.RAW_BODY)).isNull();
        assertThat(meters.counter("payouts.webhooks.rejected", "reason", "wrong security token").count()).isEqualTo(1.0);
    }

    @Test
    void the_answer_is_200_with_no_request_header_echoed() {
        Exchange exchange = webhook(RAW, TOKEN, "sig");
        intake().accepted(exchange);
        assertThat(exchange.getMessage().getHeaders())
                .containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE)
                .containsEntry(Exchange.HTTP_RESPONSE_CODE, 200);
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"received\":true}");
    }
}
