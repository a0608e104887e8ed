package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The controls on money over HTTP: maker-checker (held, self-approval refused, approved and paid,
 * rejected and never paid), per-request and daily limits refused before anything is stored, and the
 * audit trail of it all, including a tampered entry that verification finds.
 */
class MakerCheckerIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(40);

    @Autowired
    private JdbcTemplate jdbc;

    private PayoutsClient keyWith(String name, String rolesJson, String extra) {
        Reply r = api.post("/v1/api-keys", "{\"name\":\"" + name + "\",\"roles\":" + rolesJson + extra + "}", Map.of());
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return api.as(r.body().path("token").asText());
    }

    private String payee(String customer) {
        return api.createBankPayee(customer, "Checker Payee", "062-000", "12345678").id();
    }

    @Test
    void a_large_payout_waits_for_a_second_principal_then_is_paid() {
        String customer = "c-mc-" + UUID.randomUUID().toString().substring(0, 8);
        String payee = payee(customer);
        PayoutsClient maker = keyWith("maker app", "[\"payout:create\",\"payout:read\",\"payout:approve\"]", "");
        PayoutsClient checker = keyWith("finance lead", "[\"payout:approve\"]", "");

        Reply created = maker.createPayout("mc-" + UUID.randomUUID(), payee, "7500.00", "NPP", "Big one");
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = created.id();
        assertThat(created.body().path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(created.body().path("createdBy").path("name").asText()).isEqualTo("maker app");
        assertThat(created.body().path("approvalDeadline").isTextual()).isTrue();

        Reply self = maker.post("/v1/payouts/" + id + "/approve", null, new byte[0], Map.of());
        assertThat(self.status()).as(self.raw()).isEqualTo(403);
        assertThat(self.body().path("type").asText()).isEqualTo("/problems/self-approval");
        assertThat(api.payout(id).path("status").asText()).as("never sent while held").isEqualTo("PENDING_APPROVAL");
        assertThat(sandbox.executeCalls("payout-" + id)).isZero();

        Reply approved = checker.post("/v1/payouts/" + id + "/approve", null, new byte[0], Map.of());
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        assertThat(approved.body().path("status").asText()).isEqualTo("RECEIVED");
        assertThat(approved.body().path("decidedBy").path("name").asText()).isEqualTo("finance lead");
        api.awaitStatus(id, "COMPLETED", SETTLE);
        Reply again = checker.post("/v1/payouts/" + id + "/approve", null, new byte[0], Map.of());
        assertThat(again.status()).isEqualTo(409);

        List<String> actions = api.get("/v1/audit?entity=payout:" + id).body().findValuesAsText("action");
        assertThat(actions).containsSubsequence("payout.status-changed", "payout.approved", "payout.created");
        JsonNode approval = entry(id, "payout.approved");
        assertThat(approval.path("actor").path("name").asText()).isEqualTo("finance lead");
        assertThat(approval.path("before").path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(approval.path("after").path("status").asText()).isEqualTo("RECEIVED");
        assertThat(approval.toString()).doesNotContain("12345678", "Checker Payee");
    }

    @Test
    void a_rejected_payout_is_cancelled_and_never_paid() {
        String payee = payee("c-mc-" + UUID.randomUUID().toString().substring(0, 8));
        PayoutsClient checker = keyWith("rejecting lead", "[\"payout:approve\"]", "");
        String id = api.createPayout("mc-" + UUID.randomUUID(), payee, "9000.00", "NPP", "Suspicious").id();
        Reply rejected = checker.post("/v1/payouts/" + id + "/reject", "{\"reason\":\"payee not verified\"}", Map.of());
        assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);
        assertThat(rejected.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(rejected.body().path("failureReason").asText()).contains("payee not verified");
        assertThat(checker.post("/v1/payouts/" + id + "/approve", null, new byte[0], Map.of()).status()).isEqualTo(409);
        assertThat(sandbox.executeCalls("payout-" + id)).isZero();
    }

    @Test
    void limits_refuse_a_payout_before_anything_is_stored() {
        // c-limited: at most 300.00 a payout and 500.00 a day (application-test.yaml).
        String payee = payee("c-limited");
        String tooBig = "limit-" + UUID.randomUUID();
        Reply refused = api.createPayout(tooBig, payee, "300.01", "NPP", "Too big");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.body().path("type").asText()).isEqualTo("/problems/limit-exceeded");
        assertThat(refused.body().findValuesAsText("code")).contains("customer-per-request-limit");
        assertThat(api.get("/v1/payouts/" + PayoutIds.fromIdempotencyKey(tooBig)).status()).as("nothing stored").isEqualTo(404);

        String day = java.time.LocalDate.now(java.time.ZoneId.of("Australia/Sydney")).toString();
        Long before = jdbc.queryForList("SELECT total_cents FROM limit_counters WHERE counter_id = ?", Long.class,
                "customer:c-limited:" + day).stream().findFirst().orElse(0L);
        long room = 50_000 - before;
        if (room >= 100) {
            String fits = String.format("%d.%02d", room / 100, room % 100);
            Reply ok = api.createPayout("limit-" + UUID.randomUUID(), payee, room > 30_000 ? "300.00" : fits, "NPP", "Fits");
            assertThat(ok.status()).as(ok.raw()).isEqualTo(202);
        }
        // Fill the day, then one cent more is refused.
        while (jdbc.queryForObject("SELECT total_cents FROM limit_counters WHERE counter_id = ?", Long.class,
                "customer:c-limited:" + day) < 50_000) {
            long left = 50_000 - jdbc.queryForObject("SELECT total_cents FROM limit_counters WHERE counter_id = ?", Long.class,
                    "customer:c-limited:" + day);
            long cents = Math.min(left, 30_000);
            assertThat(api.createPayout("limit-" + UUID.randomUUID(), payee, String.format("%d.%02d", cents / 100, cents % 100),
                    "NPP", "Fill").status()).isEqualTo(202);
        }
        String overDaily = "limit-" + UUID.randomUUID();
        Reply daily = api.createPayout(overDaily, payee, "0.01", "NPP", "One cent more");
        assertThat(daily.status()).as(daily.raw()).isEqualTo(422);
        assertThat(daily.body().findValuesAsText("code")).contains("customer-daily-limit");
        assertThat(api.get("/v1/payouts/" + PayoutIds.fromIdempotencyKey(overDaily)).status()).isEqualTo(404);
    }

    @Test
    void a_key_with_its_own_per_request_limit_is_held_to_it() {
        String payee = payee("c-mc-" + UUID.randomUUID().toString().substring(0, 8));
        PayoutsClient small = keyWith("small app", "[\"payout:create\"]", ",\"perRequestLimit\":\"50.00\"");
        Reply refused = small.createPayout("klimit-" + UUID.randomUUID(), payee, "50.01", "NPP", "Too much");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.body().findValuesAsText("code")).contains("per-request-limit");
        assertThat(small.createPayout("klimit-" + UUID.randomUUID(), payee, "50.00", "NPP", "Fine").status()).isEqualTo(202);
    }

    @Test
    void verification_finds_a_tampered_audit_entry_and_passes_again_once_it_is_restored() {
        api.createBankPayee("c-audit", "Audit Payee", "062-000", "12345678");
        Reply valid = api.get("/v1/audit/verification");
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.body().path("valid").asBoolean()).as(valid.raw()).isTrue();
        long seq = jdbc.queryForObject("SELECT MAX(seq) FROM audit_log WHERE action = 'payee.created'", Long.class);
        String original = jdbc.queryForObject("SELECT after_json FROM audit_log WHERE seq = ?", String.class, seq);
        try {
            jdbc.update("UPDATE audit_log SET after_json = ? WHERE seq = ?", original.replace("c-audit", "c-other"), seq);
            Reply broken = api.get("/v1/audit/verification");
            assertThat(broken.body().path("valid").asBoolean()).isFalse();
            assertThat(broken.body().path("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(broken.body().path("reason").asText()).contains("hash");
        } finally {
            jdbc.update("UPDATE audit_log SET after_json = ? WHERE seq = ?", original, seq);
        }
        assertThat(api.get("/v1/audit/verification").body().path("valid").asBoolean()).isTrue();
    }

    private JsonNode entry(String payoutId, String action) {
        for (JsonNode e : api.get("/v1/audit?entity=payout:" + payoutId).body().path("items")) {
            if (action.equals(e.path("action").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " entry for " + payoutId);
    }
}
