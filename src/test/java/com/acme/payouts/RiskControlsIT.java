package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Risk controls before money moves, over HTTP: a payout to a payee still cooling off is HELD, never
 * sent, and released once when the period ends; velocity limits refuse with problem+json before anything
 * is stored. The customers' settings are in application-test.yaml.
 */
class RiskControlsIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(40);

    @Test
    void a_payout_to_a_new_payee_is_held_through_the_cooling_off_then_paid_once() {
        // c-cooling: 4 s cooling-off
        String payee = api.createBankPayee("c-cooling", "Cooling Payee", "062-000", "12345678").id();
        Reply created = api.createPayout("cool-" + UUID.randomUUID(), payee, "21.00", "NPP", "Cooling");
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = created.id();
        assertThat(created.body().path("status").asText()).isEqualTo("HELD");
        assertThat(created.body().path("holdReason").asText()).contains("cooling-off").contains("held until");
        assertThat(created.raw()).doesNotContain("12345678", "Cooling Payee");

        assertThat(api.payout(id).path("status").asText()).as("still held").isEqualTo("HELD");
        assertThat(sandbox.executeCalls("payout-" + id)).as("never sent while held").isZero();

        JsonNode paid = api.awaitStatus(id, "COMPLETED", SETTLE);
        assertThat(sandbox.executeCalls("payout-" + id)).isEqualTo(1);
        List<String> path = new ArrayList<>();
        paid.path("history").forEach(t -> path.add(t.path("to").asText()));
        assertThat(path).containsExactly("HELD", "RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        assertThat(paid.path("holdReason").isMissingNode()).isTrue();
        List<String> actions = api.get("/v1/audit?entity=payout:" + id).body().findValuesAsText("action");
        assertThat(actions).contains("payout.hold-released");
    }

    @Test
    void velocity_limits_refuse_per_payee_and_per_customer_before_anything_is_stored() {
        // c-velocity: per payee 2 payouts / 100.00, per customer 3 payouts / 250.00, in any 24 hours
        String a = api.createBankPayee("c-velocity", "Velocity A", "062-000", "12345678").id();
        String b = api.createBankPayee("c-velocity", "Velocity B", "062-000", "87654321").id();
        String c = api.createBankPayee("c-velocity", "Velocity C", "062-000", "11223344").id();

        assertThat(api.createPayout("velo-" + UUID.randomUUID(), a, "40.00", "NPP", "one").status()).isEqualTo(202);
        assertThat(api.createPayout("velo-" + UUID.randomUUID(), a, "50.00", "NPP", "two").status()).isEqualTo(202);
        refused(a, "1.00", "payee-velocity-count", "payeeId");
        refused(b, "100.01", "payee-velocity-amount", "payeeId");
        assertThat(api.createPayout("velo-" + UUID.randomUUID(), b, "100.00", "NPP", "three").status()).isEqualTo(202);
        refused(c, "1.00", "customer-velocity-count", "amount");
    }

    private void refused(String payee, String amount, String code, String field) {
        String key = "velo-" + UUID.randomUUID();
        Reply r = api.createPayout(key, payee, amount, "NPP", "over");
        assertThat(r.status()).as(r.raw()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body().path("type").asText()).isEqualTo("/problems/limit-exceeded");
        assertThat(r.body().findValuesAsText("code")).containsExactly(code);
        assertThat(r.body().findValuesAsText("field")).containsExactly(field);
        assertThat(api.get("/v1/payouts/" + PayoutIds.fromIdempotencyKey(key)).status()).as("nothing stored").isEqualTo(404);
    }
}
