package com.acme.payouts.monoova;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class MonoovaHttpTest {

    private final AtomicReference<String> apiKey = new AtomicReference<>("sk_test_123");
    private final MonoovaHttp http = new MonoovaHttp(apiKey::get);

    /** An exchange as a queue consumer or REST route hands it over: full of headers that must not reach Monoova. */
    private static Exchange consumed() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        var m = exchange.getMessage();
        m.setHeader("CamelAwsSqsReceiptHandle", "receipt-1");
        m.setHeader("CamelAwsSqsMessageId", "m-1");
        m.setHeader(Exchange.HTTP_URI, "/v1/payouts");
        m.setHeader(Exchange.HTTP_PATH, "/v1/payouts");
        m.setHeader(Exchange.HTTP_QUERY, "limit=5");
        m.setHeader("CamelRestOpenApiRequest", "x");
        m.setHeader("Authorization", "Bearer caller-token");
        m.setHeader("Idempotency-Key", "order-1");
        m.setHeader("customerEmail", "jane@example.com");
        m.setBody("{\"uniqueReference\":\"payout-po_x\"}");
        return exchange;
    }

    private static String decodedBasic(String header) {
        assertThat(header).startsWith("Basic ");
        return new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8);
    }

    @Test
    void basic_auth_is_the_api_key_as_user_with_an_empty_password() {
        assertThat(decodedBasic(MonoovaHttp.basicAuthorization("sk_test_123"))).isEqualTo("sk_test_123:");
    }

    @Test
    void a_post_carries_only_our_auth_json_headers_and_the_receipt_handle() {
        Exchange exchange = consumed();
        http.preparePost(exchange);

        Map<String, Object> headers = exchange.getMessage().getHeaders();
        assertThat(headers).containsOnlyKeys("CamelAwsSqsReceiptHandle", "CamelAwsSqsMessageId",
                "Authorization", "Accept", Exchange.HTTP_METHOD, Exchange.CONTENT_TYPE);
        assertThat(decodedBasic((String) headers.get("Authorization"))).isEqualTo("sk_test_123:");
        assertThat(headers).containsEntry(Exchange.HTTP_METHOD, "POST")
                .containsEntry(Exchange.CONTENT_TYPE, "application/json")
                .containsEntry("Accept", "application/json")
                .containsEntry("CamelAwsSqsReceiptHandle", "receipt-1");
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"uniqueReference\":\"payout-po_x\"}");
    }

    @Test
    void a_get_appends_url_encoded_path_segments_and_has_no_body() {
        Exchange exchange = consumed();
        http.prepareGet(exchange, "payout-po_x", "a b/c");

        var m = exchange.getMessage();
        assertThat(m.getHeader(Exchange.HTTP_METHOD)).isEqualTo("GET");
        assertThat(m.getHeader(Exchange.HTTP_PATH)).isEqualTo("/payout-po_x/a%20b%2Fc");
        assertThat(m.getHeader(Exchange.HTTP_QUERY)).isNull();
        assertThat(m.getHeader(Exchange.HTTP_URI)).isNull();
        assertThat(m.getHeader("Idempotency-Key")).isNull();
        assertThat(m.getBody()).isNull();
        assertThat(m.getHeader("CamelAwsSqsReceiptHandle")).isEqualTo("receipt-1");
    }

    @Test
    void a_rotated_key_is_used_on_the_next_call() {
        Exchange exchange = consumed();
        apiKey.set("sk_test_rotated");
        http.preparePost(exchange);
        assertThat(decodedBasic(exchange.getMessage().getHeader("Authorization", String.class)))
                .isEqualTo("sk_test_rotated:");
    }

    @Test
    void after_the_call_no_credential_or_http_header_is_left_but_the_receipt_handle_stays() {
        Exchange exchange = consumed();
        http.preparePost(exchange);
        var m = exchange.getMessage();
        // what camel-http leaves behind
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader("Set-Cookie", "session=abc");
        m.setHeader("Server", "Kestrel");

        http.after(exchange);

        assertThat(m.getHeaders()).containsOnlyKeys("CamelAwsSqsReceiptHandle", "CamelAwsSqsMessageId");
    }

    @Test
    void the_status_and_body_of_a_failed_call_are_found_through_wrappers() {
        HttpOperationFailedException failed = new HttpOperationFailedException(
                "http://monoova/financial/v2/transaction/execute", 400, "Bad Request", null, Map.of(),
                "{\"status\":\"InvalidBsbNumber\"}");
        Throwable wrapped = new CamelExecutionException("failed", null, failed);

        assertThat(MonoovaHttp.failedStatus(wrapped)).isEqualTo(400);
        assertThat(MonoovaHttp.failedBody(wrapped)).isEqualTo("{\"status\":\"InvalidBsbNumber\"}");
        assertThat(MonoovaHttp.failedStatus(new SocketTimeoutException("Read timed out"))).isNull();
        assertThat(MonoovaHttp.failedBody(new SocketTimeoutException("Read timed out"))).isNull();
        assertThat(MonoovaHttp.failedStatus(null)).isNull();
    }
}
