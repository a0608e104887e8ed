package com.acme.payouts.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.RequestRejectedException;
import com.acme.payouts.support.TerminalMessageException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T03:04:05Z");
    private final DeadLetters deadLetters = new DeadLetters(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_refused_request_gives_every_field_and_rule() {
        RequestRejectedException refused = RequestRejectedException.invalid(List.of(
                new FieldError("amount", "pattern", "does not have the required format"),
                new FieldError("payeeId", "required", "is required")));
        assertThat(DeadLetters.reason(refused)).isEqualTo(
                "request is invalid; amount: does not have the required format; payeeId: is required");
    }

    @Test
    void a_terminal_message_gives_its_own_reason() {
        assertThat(DeadLetters.reason(new TerminalMessageException("event NppReturn is not handled by this service")))
                .isEqualTo("event NppReturn is not handled by this service");
    }

    @Test
    void anything_else_gives_its_type_and_a_scrubbed_message() {
        String reason = DeadLetters.reason(
                new IllegalStateException("cannot pay 062000123456789 for jane.citizen@example.com"));
        assertThat(reason).startsWith("IllegalStateException: ")
                .doesNotContain("062000123456789", "jane.citizen@example.com")
                .contains("***789");
        assertThat(DeadLetters.reason(new NullPointerException())).isEqualTo("NullPointerException: null");
        assertThat(DeadLetters.reason(null)).isEqualTo("unknown failure");
    }

    @Test
    void prepare_keeps_the_body_drops_foreign_headers_and_sets_the_reason_attributes() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getExchangeExtension().setFromRouteId("webhook-processing");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new TerminalMessageException("no payout po_x"));
        exchange.setProperty(DeadLetters.QUEUE_PROPERTY, "monoova-webhooks-dlq");
        var message = exchange.getMessage();
        String original = "{\"webhookId\":\"1\",\"eventName\":\"NppPaymentStatus\"}";
        message.setBody(original);
        message.setHeader("Authorization", "Basic c2VjcmV0Og==");
        message.setHeader("customerEmail", "jane.citizen@example.com");
        message.setHeader("CamelAwsSqsMessageId", "m-1");
        message.setHeader("CamelAwsSqsReceiptHandle", "rh-1");

        deadLetters.prepare(exchange);

        assertThat(message.getBody(String.class)).isEqualTo(original);
        assertThat(message.getHeaders()).containsOnlyKeys(
                "CamelAwsSqsMessageId", "CamelAwsSqsReceiptHandle",
                DeadLetters.REASON, DeadLetters.ROUTE, DeadLetters.FAILED_AT);
        assertThat(message.getHeader(DeadLetters.REASON)).isEqualTo("no payout po_x");
        assertThat(message.getHeader(DeadLetters.ROUTE)).isEqualTo("webhook-processing");
        assertThat(message.getHeader(DeadLetters.FAILED_AT)).isEqualTo("2026-11-25T03:04:05Z");
    }
}
