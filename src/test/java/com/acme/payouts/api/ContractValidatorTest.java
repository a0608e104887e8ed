package com.acme.payouts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.RequestRejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class ContractValidatorTest {

    private static final String PAYEE_ID = "pe_abcdefghijklmnopqrstuvwxyz";
    private static final String PAYOUT_ID = "po_abcdefghijklmnopqrstuvwxyz";
    private static final String KEY = "order-2026-0001";

    private static ContractValidator validator;
    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();

    @BeforeAll
    static void loadContract() throws IOException {
        validator = new ContractValidator(
                new ClassPathResource("openapi/payouts-api.yaml").getContentAsString(StandardCharsets.UTF_8));
    }

    private static Exchange request(String method, String path, String query, String contentType, String key, String body) {
        Exchange exchange = new DefaultExchange(CAMEL);
        var in = exchange.getIn();
        in.setHeader(Exchange.HTTP_METHOD, method);
        in.setHeader(Exchange.HTTP_PATH, path);
        if (query != null) {
            in.setHeader(Exchange.HTTP_QUERY, query);
        }
        if (contentType != null) {
            in.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        if (key != null) {
            in.setHeader("Idempotency-Key", key);
        }
        in.setBody(body);
        return exchange;
    }

    private static Exchange createPayout(String key, String body) {
        return request("POST", "/v1/payouts", null, "application/json", key, body);
    }

    private static String payout(String payeeId, String amount, String extra) {
        return "{\"payeeId\":\"" + payeeId + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"AUD\",\"method\":\"NPP\",\"reference\":\"Invoice 42\"" + extra + "}";
    }

    /** The rejection, after checking that no error repeats any of the submitted values. */
    private static List<FieldError> rejected(Exchange exchange, String... submitted) {
        RequestRejectedException e = catchThrowableOfType(
                RequestRejectedException.class, () -> validator.validateRequest(exchange));
        assertThat(e).as("request should be rejected").isNotNull();
        assertThat(e.kind()).isEqualTo(RequestRejectedException.Kind.INVALID);
        for (FieldError error : e.errors()) {
            for (String value : submitted) {
                assertThat(error.message()).doesNotContain(value);
                assertThat(error.code()).doesNotContain(value);
            }
        }
        assertThat(e.getMessage()).isEqualTo("request is invalid");
        return e.errors();
    }

    @Test
    void a_request_that_matches_the_contract_passes() {
        assertThatCode(() -> validator.validateRequest(createPayout(KEY, payout(PAYEE_ID, "125.50", ""))))
                .doesNotThrowAnyException();
        assertThatCode(() -> validator.validateRequest(
                        request("GET", "/v1/payouts/" + PAYOUT_ID, null, null, null, null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> validator.validateRequest(
                        request("GET", "/v1/payouts", "status=COMPLETED&limit=50&customerId=c-1", null, null, null)))
                .doesNotThrowAnyException();
    }

    @Test
    void an_amount_not_in_two_place_decimal_form_is_named_without_quoting_it() {
        List<FieldError> errors = rejected(createPayout(KEY, payout(PAYEE_ID, "98765.4321", "")), "98765.4321");
        assertThat(errors).extracting(FieldError::field).containsExactly("amount");
        assertThat(errors.get(0).code()).isEqualTo("pattern");
    }

    @Test
    void a_malformed_payee_id_is_named() {
        List<FieldError> errors = rejected(createPayout(KEY, payout("pe_NOT-OURS-4711", "10.00", "")), "NOT-OURS-4711");
        assertThat(errors).extracting(FieldError::field).containsExactly("payeeId");
    }

    @Test
    void missing_required_body_fields_are_each_named() {
        List<FieldError> errors = rejected(createPayout(KEY, "{\"currency\":\"AUD\",\"method\":\"NPP\"}"));
        assertThat(errors).extracting(FieldError::field).contains("payeeId", "amount");
        assertThat(errors).extracting(FieldError::code).containsOnly("required");
    }

    @Test
    void the_idempotency_key_header_is_required_and_checked() {
        assertThat(rejected(createPayout(null, payout(PAYEE_ID, "10.00", ""))))
                .extracting(FieldError::field).containsExactly("Idempotency-Key");
        assertThat(rejected(createPayout("k7Qz", payout(PAYEE_ID, "10.00", "")), "k7Qz"))
                .extracting(FieldError::field).containsExactly("Idempotency-Key");
        assertThat(rejected(createPayout("key with spaces!", payout(PAYEE_ID, "10.00", "")), "key with spaces!"))
                .extracting(FieldError::field).containsExactly("Idempotency-Key");
    }

    @Test
    void an_unknown_property_is_named_but_its_value_is_not_repeated() {
        // A client that sends account details where they don't belong must not see them echoed back.
        List<FieldError> errors =
                rejected(createPayout(KEY, payout(PAYEE_ID, "10.00", ",\"accountNumber\":\"123456789\"")), "123456789");
        assertThat(errors).extracting(FieldError::field).containsExactly("accountNumber");
        assertThat(errors.get(0).message()).isEqualTo("is not a recognised field");
    }

    @Test
    void a_malformed_payout_id_path_parameter_is_named() {
        List<FieldError> errors =
                rejected(request("GET", "/v1/payouts/po_UPPER_case_1", null, null, null, null), "po_UPPER_case_1");
        assertThat(errors).extracting(FieldError::field).containsExactly("payoutId");
    }

    @Test
    void an_out_of_range_or_non_numeric_limit_is_named() {
        assertThat(rejected(request("GET", "/v1/payouts", "limit=1000", null, null, null), "1000"))
                .extracting(FieldError::field).containsExactly("limit");
        assertThat(rejected(request("GET", "/v1/payouts", "limit=lots", null, null, null), "lots"))
                .extracting(FieldError::field).containsExactly("limit");
    }

    @Test
    void a_status_filter_outside_the_enum_is_named() {
        assertThat(rejected(request("GET", "/v1/payouts", "status=PAID", null, null, null), "PAID"))
                .extracting(FieldError::field).containsExactly("status");
    }

    @Test
    void a_body_that_is_not_json_is_refused_without_quoting_it() {
        List<FieldError> errors = rejected(createPayout(KEY, "amount=10.00&bsb=062-000"), "062-000");
        assertThat(errors).isNotEmpty();
    }

    @Test
    void the_accept_headers_clients_commonly_send_pass() {
        for (String accept : new String[] {"*/*", "application/json", "application/json, application/problem+json",
                "application/json, text/plain, */*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}) {
            Exchange exchange = request("GET", "/v1/payouts/" + PAYOUT_ID, null, null, null, null);
            exchange.getIn().setHeader("Accept", accept);
            assertThatCode(() -> validator.validateRequest(exchange)).as(accept).doesNotThrowAnyException();
        }
    }

    @Test
    void an_accept_header_that_excludes_json_is_named_as_the_offending_field() {
        Exchange exchange = request("GET", "/v1/payouts/" + PAYOUT_ID, null, null, null, null);
        exchange.getIn().setHeader("Accept", "text/html");
        List<FieldError> errors = rejected(exchange, "text/html");
        assertThat(errors).extracting(FieldError::field).containsExactly("Accept");
    }

    @Test
    void a_body_in_another_media_type_is_415() {
        Exchange exchange = request("POST", "/v1/payouts", null, "text/plain", KEY, payout(PAYEE_ID, "10.00", ""));
        ApiProblemException e = catchThrowableOfType(ApiProblemException.class, () -> validator.validateRequest(exchange));
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(415);
        assertThat(e.type()).isEqualTo("unsupported-media-type");
    }

    @Test
    void queue_messages_are_checked_against_the_named_component_schema() {
        String valid = "{\"idempotencyKey\":\"" + KEY + "\",\"payeeId\":\"" + PAYEE_ID
                + "\",\"amount\":\"10.00\",\"currency\":\"AUD\",\"method\":\"DE\"}";
        assertThat(validator.validateMessage("PayoutRequestMessage", valid)).isEmpty();

        String invalid = "{\"payeeId\":\"" + PAYEE_ID + "\",\"amount\":\"10\",\"currency\":\"USD\",\"method\":\"NPP\","
                + "\"bsb\":\"062-000\"}";
        List<FieldError> errors = validator.validateMessage("PayoutRequestMessage", invalid);
        assertThat(errors).extracting(FieldError::field)
                .contains("idempotencyKey", "amount", "currency", "bsb");
        assertThat(errors).extracting(FieldError::message).noneMatch(m -> m.contains("062-000") || m.contains("USD"));
    }

    @Test
    void a_message_schema_the_contract_lacks_is_a_programming_error() {
        assertThatThrownBy(() -> validator.validateMessage("NoSuchSchema", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NoSuchSchema");
    }
}
