package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The optional payee name check over HTTP, against the sandbox's {@code /verify/v2/aba/initiate} and its
 * triggers: matching, close, different name, unknown PayID, Monoova unavailable; off for customers that
 * did not enable it; the owner's name only ever shown masked.
 */
class NameCheckIT extends EmbeddedDefaultTest {

    /** c-namecheck has name checks enabled in the test profile. */
    private static final String ENABLED = "c-namecheck";

    private String payIdPayee(String customer, String name, String email) {
        Reply r = api.createPayIdPayee(customer, name, "Email", email);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.id();
    }

    private Reply check(String payeeId) {
        return api.post("/v1/payees/" + payeeId + "/name-check", null, new byte[0], Map.of());
    }

    private static String unique(String local) {
        return local + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void the_same_name_matches_and_the_result_is_stored_with_the_owner_name_masked() {
        String payee = payIdPayee(ENABLED, "Jane Citizen", unique("jane"));
        Reply r = check(payee);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode body = r.body();
        assertThat(body.path("result").asText()).isEqualTo("MATCH");
        assertThat(body.path("ownerName").asText()).isEqualTo("J*** C******");
        assertThat(body.path("feeIncGst").asText()).isEqualTo("1.1");
        assertThat(body.path("checkedBy").path("principal").asText()).isNotBlank();
        assertThat(r.raw()).doesNotContain("Jane Citizen", "Citizen");

        JsonNode stored = api.get("/v1/payees/" + payee + "/name-check").body();
        assertThat(stored.path("result").asText()).isEqualTo("MATCH");
        assertThat(stored.path("checkedAt").asText()).isEqualTo(body.path("checkedAt").asText());
        assertThat(api.get("/v1/audit?entity=payee:" + payee).body().findValuesAsText("action")).contains("payee.name-checked");
    }

    @Test
    void close_different_and_unknown_names_are_told_apart() {
        assertThat(check(payIdPayee(ENABLED, "Jane Citizen", unique("sbx-close"))).body().path("result").asText())
                .isEqualTo("CLOSE_MATCH");
        Reply other = check(payIdPayee(ENABLED, "Jane Citizen", unique("sbx-other")));
        assertThat(other.body().path("result").asText()).isEqualTo("NO_MATCH");
        assertThat(other.body().path("ownerName").asText()).startsWith("A*** D*").doesNotContain("Differentperson");
        Reply unknown = check(payIdPayee(ENABLED, "Jane Citizen", unique("sbx-unknown")));
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(200);
        assertThat(unknown.body().path("result").asText()).isEqualTo("PAYID_NOT_FOUND");
        assertThat(unknown.body().path("ownerName").isNull()).isTrue();
    }

    @Test
    void monoova_unavailable_is_a_502_and_stores_nothing() {
        String payee = payIdPayee(ENABLED, "Jane Citizen", unique("sbx-500"));
        Reply r = check(payee);
        assertThat(r.status()).as(r.raw()).isEqualTo(502);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body().path("type").asText()).isEqualTo("/problems/name-check-unavailable");
        assertThat(api.get("/v1/payees/" + payee + "/name-check").status()).isEqualTo(404);
    }

    @Test
    void off_for_customers_without_it_and_for_bank_accounts() {
        Reply disabled = check(payIdPayee("c-no-namecheck", "Jane Citizen", unique("jane")));
        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(422);
        assertThat(disabled.body().findValuesAsText("code")).containsExactly("name-check-disabled");

        String bank = api.createBankPayee(ENABLED, "Jane Citizen", "062-000", "12345678").id();
        Reply notPayId = check(bank);
        assertThat(notPayId.status()).as(notPayId.raw()).isEqualTo(422);
        assertThat(notPayId.body().findValuesAsText("code")).containsExactly("name-check-payid-only");
        assertThat(api.get("/v1/payees/pe_" + "a".repeat(26) + "/name-check").status()).isEqualTo(404);
    }
}
