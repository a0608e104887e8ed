package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /verify/v2/aba/initiate}: the spec's request and response, and the name check triggers. */
class VerifyEndpointTest {

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

    private static Map<String, Object> payId(String payId, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditMethod", "NppCreditPayId");
        body.put("payId", payId);
        body.put("payIdType", "Email");
        body.put("accountName", name);
        body.put("remitter", "RemitterName");
        body.put("verificationIdentifier", "pe_test");
        return body;
    }

    private static SandboxClient.Reply initiate(Map<String, Object> body) {
        return client.post("/verify/v2/aba/initiate", SandboxClient.toJson(body));
    }

    @Test
    void a_payid_answers_its_owner_name_with_the_spec_fields() {
        JsonNode ok = initiate(payId("jane@example.com", "Jane Citizen")).json();
        assertThat(ok.path("status").asText()).isEqualTo("Ok");
        assertThat(ok.path("ownerName").asText()).isEqualTo("Jane Citizen");
        assertThat(ok.path("token").asText()).matches("[0-9a-f-]{36}");
        assertThat(ok.path("feeAmountExGst").decimalValue()).isEqualByComparingTo("1.0");
        assertThat(ok.path("feeAmountIncGst").decimalValue()).isEqualByComparingTo("1.1");
        assertThat(ok.path("feeAmountGstComp").decimalValue()).isEqualByComparingTo("0.1");
    }

    @Test
    void triggers_in_the_payid_choose_a_close_or_different_name_or_an_unknown_payid() {
        assertThat(initiate(payId("sbx-close@example.com", "Jane Citizen")).json().path("ownerName").asText())
                .isEqualTo("CITIZEN JANE");
        assertThat(initiate(payId("sbx-other@example.com", "Jane Citizen")).json().path("ownerName").asText())
                .isEqualTo(VerifyEndpoints.DIFFERENT_NAME);
        SandboxClient.Reply unknown = initiate(payId("SBX-UNKNOWN@example.com", "Jane Citizen"));
        assertThat(unknown.httpStatus()).isEqualTo(400);
        assertThat(unknown.json().path("status").asText()).isEqualTo("PayIdNotFound");
        assertThat(initiate(payId("sbx-500@example.com", "Jane Citizen")).httpStatus()).isEqualTo(500);
    }

    @Test
    void a_bank_account_has_no_owner_name_and_bad_requests_are_refused() {
        Map<String, Object> bank = new LinkedHashMap<>();
        bank.put("creditMethod", "NppCreditBankAccount");
        bank.put("bsb", "802-985");
        bank.put("bankAccountNumber", "718414234");
        bank.put("accountName", "Monoova");
        bank.put("verificationIdentifier", "NPP Bank Account Verification Identifier");
        JsonNode ok = initiate(bank).json();
        assertThat(ok.path("status").asText()).isEqualTo("Ok");
        assertThat(ok.path("ownerName").isNull()).isTrue();

        Map<String, Object> noName = payId("jane@example.com", "Jane Citizen");
        noName.remove("accountName");
        assertThat(initiate(noName).json().path("status").asText()).isEqualTo("InvalidRequest");
        Map<String, Object> badType = payId("jane@example.com", "Jane Citizen");
        badType.put("payIdType", "Mail");
        assertThat(initiate(badType).json().path("status").asText()).isEqualTo("InvalidPayIdType");
        assertThat(initiate(payId("jane@example.com", "A".repeat(33))).httpStatus()).isEqualTo(400);
    }
}
