package com.acme.payouts.monoova;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.payee.BsbCheck;
import com.acme.payouts.payee.BsbCheckUnavailableException;
import com.acme.payouts.support.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How Monoova's {@code /tools/v1/bsbValidate} answers are classified; "could not ask" never reads as open. */
class MonoovaBsbDirectoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MonoovaBsbDirectory answering(String body) {
        return new MonoovaBsbDirectory(bsb -> {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static MonoovaBsbDirectory failing(Throwable cause) {
        Function<String, JsonNode> call = bsb -> {
            throw new MonoovaAdminClient.MonoovaCallException("GET /tools/v1/bsbValidate failed", cause);
        };
        return new MonoovaBsbDirectory(call);
    }

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://monoova/tools/v1/bsbValidate/062-000", status, "x", null, Map.of(),
                "{\"durationMs\":1,\"status\":\"InvalidBsbNumber\",\"statusDescription\":\"x\"}");
    }

    @Test
    void ok_and_not_closed_is_open() {
        assertThat(answering("""
                {"durationMs":20,"status":"Ok","statusDescription":"Operation completed successfully","bsb":"012-433",
                 "closed":false,"address":"Shop 1-047 Henry St","city":"Penrith","state":"NSW","postCode":"2750","bankCode":"ANZ"}
                """).check("012-433")).isEqualTo(BsbCheck.open());
    }

    @Test
    void closed_names_the_replacement_found_in_the_address_normalised() {
        assertThat(answering("""
                {"status":"Ok","bsb":"062-999","closed":true,"address":"Branch closed - now BSB 062000"}
                """).check("062-999")).isEqualTo(BsbCheck.closed("062-000"));
        assertThat(answering("""
                {"status":"OK","bsb":"062-999","closed":true,"address":"Closed (062-999); see 062-001 at 12 George St"}
                """).check("062-999")).isEqualTo(BsbCheck.closed("062-001"));
    }

    @Test
    void closed_without_a_bsb_in_the_address_has_no_replacement() {
        BsbCheck check = answering("""
                {"status":"Ok","bsb":"033-999","closed":true,"address":"Shop 1-047 Henry St"}
                """).check("033-999");
        assertThat(check.status()).isEqualTo(BsbCheck.Status.CLOSED);
        assertThat(check.replacement()).isEmpty();
    }

    @Test
    void a_200_with_another_status_or_a_400_is_an_unknown_bsb() {
        assertThat(answering("{\"status\":\"InvalidBsbNumber\",\"statusDescription\":\"x\"}").check("999-999"))
                .isEqualTo(BsbCheck.unknown());
        assertThat(failing(http(400)).check("999-999")).isEqualTo(BsbCheck.unknown());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 429, 500, 502, 503})
    void other_http_errors_are_unavailable_naming_the_bsb_field(int status) {
        assertThatThrownBy(() -> failing(http(status)).check("062-000"))
                .isInstanceOfSatisfying(BsbCheckUnavailableException.class, e -> {
                    assertThat(e.error().field()).isEqualTo("bsb");
                    assertThat(e.error().code()).isEqualTo(FieldError.CHECK_UNAVAILABLE);
                    assertThat(e.error().message()).contains("HTTP " + status);
                });
    }

    @Test
    void no_answer_within_the_timeout_is_unavailable() {
        assertThatThrownBy(() -> failing(new SocketTimeoutException("Read timed out")).check("062-000"))
                .isInstanceOf(BsbCheckUnavailableException.class)
                .hasMessageContaining("bsb");
    }

    @Test
    void an_answer_that_is_not_the_documented_shape_is_unavailable_not_open() {
        assertThatThrownBy(() -> answering("{\"status\":\"Ok\",\"bsb\":\"062-000\"}").check("062-000"))
                .isInstanceOf(BsbCheckUnavailableException.class);
        assertThatThrownBy(() -> answering("[]").check("062-000")).isInstanceOf(BsbCheckUnavailableException.class);
        assertThatThrownBy(() -> new MonoovaBsbDirectory(bsb -> {
                    throw new java.io.UncheckedIOException(new java.io.IOException("not JSON"));
                }).check("062-000"))
                .isInstanceOf(BsbCheckUnavailableException.class);
    }

    @Test
    void the_replacement_hint_is_the_first_other_bsb_in_the_text() {
        assertThat(MonoovaBsbDirectory.replacement("Closed, use 082-001", "083-999")).isEqualTo("082-001");
        assertThat(MonoovaBsbDirectory.replacement("Closed 083-999", "083-999")).isNull();
        assertThat(MonoovaBsbDirectory.replacement("Unit 1234567 Long Rd", "083-999")).isNull();
        assertThat(MonoovaBsbDirectory.replacement("", "083-999")).isNull();
    }
}
