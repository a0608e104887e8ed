package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /tools/v1/bsbValidate/{bsbNumber}} from the sandbox's embedded table (docs/sandbox.md). */
class BsbValidateTest {

    private static MonoovaSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.start();
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void an_open_branch_answers_the_spec_fields_in_the_envelope() {
        SandboxClient.Reply reply = client.get("/tools/v1/bsbValidate/012-433");
        assertThat(reply.httpStatus()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("status").asText()).isEqualTo("Ok");
        assertThat(json.has("durationMs")).isTrue();
        assertThat(json.get("bsb").asText()).isEqualTo("012-433");
        assertThat(json.get("closed").asBoolean()).isFalse();
        assertThat(json.get("address").asText()).isEqualTo("Shop 1-047 Henry St");
        assertThat(json.get("city").asText()).isEqualTo("Penrith");
        assertThat(json.get("state").asText()).isEqualTo("NSW");
        assertThat(json.get("postCode").asText()).isEqualTo("2750");
        assertThat(json.get("bankCode").asText()).isEqualTo("ANZ");
    }

    @Test
    void a_closed_branch_is_closed_and_may_name_its_replacement_in_the_address() {
        JsonNode replaced = client.get("/tools/v1/bsbValidate/062-999").json();
        assertThat(replaced.get("closed").asBoolean()).isTrue();
        assertThat(replaced.get("address").asText()).contains("062-000");
        JsonNode closed = client.get("/tools/v1/bsbValidate/033-999").json();
        assertThat(closed.get("closed").asBoolean()).isTrue();
        assertThat(closed.get("address").asText()).doesNotContainPattern("[0-9]{3}-[0-9]{3}");
    }

    @Test
    void an_unknown_bsb_is_400_with_the_simulators_status_code() {
        SandboxClient.Reply reply = client.get("/tools/v1/bsbValidate/999-999");
        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.json().get("status").asText()).isEqualTo("InvalidBsbNumber");
        assertThat(client.get("/tools/v1/bsbValidate/062000").json().get("status").asText()).isEqualTo("InvalidBsbFormat");
    }

    @Test
    void the_outage_bsb_answers_500_and_the_endpoint_needs_credentials() {
        assertThat(client.get("/tools/v1/bsbValidate/000-500").httpStatus()).isEqualTo(500);
        assertThat(client.withAuthorization(null).get("/tools/v1/bsbValidate/062-000").httpStatus()).isEqualTo(401);
    }
}
