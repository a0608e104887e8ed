package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The payee lifecycle over HTTP on the embedded default: BSB checks against the sandbox's BSB directory, duplicate
 * registration, listing, versions (a held payout is paid to the version it was made for), delete by crypto-shredding
 * (a payout not yet submitted fails without reaching Monoova) and the key rotation job.
 */
class PayeeLifecycleIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final String customer = "c-life-" + UUID.randomUUID().toString().substring(0, 8);

    private static String digits(int n) {
        return PayoutScenariosIT.randomDigits(n);
    }

    private Reply registerBank(String bsb, String account, String name) {
        return api.post("/v1/payees", String.format(
                "{\"customerId\":\"%s\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"%s\",\"bsb\":\"%s\",\"accountNumber\":\"%s\"}",
                customer, name, bsb, account), Map.of());
    }

    private static void assertProblem(Reply r, int status, String field, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(r.body().path("errors").get(0).path("code").asText()).isEqualTo(code);
    }

    @Test
    void bsbs_are_checked_with_monoova_closed_ones_name_their_replacement_and_an_outage_stores_nothing() {
        String account = "7" + digits(7);
        Reply closed = registerBank("062-999", account, "Closed Branch");
        assertProblem(closed, 400, "bsb", "bsb_closed");
        assertThat(closed.body().path("errors").get(0).path("message").asText()).contains("062-000");
        assertThat(closed.raw()).doesNotContain(account, "Closed Branch");

        assertProblem(registerBank("999-999", account, "Unknown Branch"), 400, "bsb", "bsb_unknown");

        Reply outage = registerBank("000-500", account, "Outage Person");
        assertProblem(outage, 503, "bsb", "check_unavailable");
        assertThat(outage.header("Retry-After")).isNotBlank();
        assertThat(outage.raw()).doesNotContain(account, "Outage");
        assertThat(api.get("/v1/payees?customerId=" + customer).body().path("items")).isEmpty();
    }

    @Test
    void the_same_account_again_is_the_existing_payee_with_200_and_listing_pages_newest_first() {
        String account = "6" + digits(7);
        Reply first = registerBank("062-000", account, "Jane Citizen");
        assertThat(first.status()).isEqualTo(201);
        Reply again = registerBank("062000", account.substring(0, 4) + " " + account.substring(4), "Jane  Citizen");
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.header("Location")).isEqualTo("/v1/payees/" + first.id());

        List<String> made = new ArrayList<>(List.of(first.id()));
        for (int i = 0; i < 3; i++) {
            made.add(0, api.createPayIdPayee(customer, "Pay Id " + i, "Email", "p" + i + digits(6) + "@example.com").id());
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/v1/payees?customerId=" + customer + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + PayoutsClient.encode(cursor))).body();
            page.path("items").forEach(p -> listed.add(p.path("id").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(listed).containsExactlyElementsOf(made);
        assertThat(api.get("/v1/payees").status()).as("customerId is required").isEqualTo(400);
    }

    @Test
    void a_held_payout_is_paid_to_the_version_it_was_made_for_and_new_payouts_to_the_new_version() {
        String account = "5" + digits(7);
        String payee = registerBank("062-000", account, "Version Person").id();
        Reply held = api.createPayout("life-held-" + UUID.randomUUID(), payee, "6000.00", "NPP", "Held");
        assertThat(held.body().path("status").asText()).isEqualTo("PENDING_APPROVAL");
        String maskedBefore = held.body().path("payee").asText();
        assertThat(held.body().path("payeeVersion").asInt()).isEqualTo(1);

        String newAccount = "4" + digits(7);
        Reply changed = api.put("/v1/payees/" + payee, "{\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Version Person\","
                + "\"bsb\":\"082-001\",\"accountNumber\":\"" + newAccount + "\"}");
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.body().path("version").asInt()).isEqualTo(2);
        assertThat(changed.body().path("accountNumber").asText()).endsWith(newAccount.substring(4));
        assertThat(changed.raw()).doesNotContain(newAccount, "Version Person");
        Reply same = api.put("/v1/payees/" + payee, "{\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Version Person\","
                + "\"bsb\":\"082001\",\"accountNumber\":\"" + newAccount + "\"}");
        assertThat(same.body().path("version").asInt()).as("the same destination again changes nothing").isEqualTo(2);

        PayoutsClient checker = api.as(api.post("/v1/api-keys", "{\"name\":\"life checker\",\"roles\":[\"payout:approve\"]}",
                Map.of()).body().path("token").asText());
        assertThat(checker.post("/v1/payouts/" + held.id() + "/approve", null, new byte[0], Map.of()).status()).isEqualTo(200);
        JsonNode paid = api.awaitStatus(held.id(), "COMPLETED", SETTLE);
        assertThat(paid.path("payee").asText()).as("history keeps the masked version it was made for").isEqualTo(maskedBefore);

        Reply after = api.createPayout("life-after-" + UUID.randomUUID(), payee, "1.00", "NPP", "After");
        assertThat(after.body().path("payee").asText()).contains(newAccount.substring(4));
        api.awaitStatus(after.id(), "COMPLETED", SETTLE);
    }

    @Test
    void delete_shreds_the_payee_and_a_payout_not_yet_submitted_fails_without_reaching_monoova() {
        String account = "3" + digits(7);
        String payee = registerBank("062-000", account, "Deleted Person").id();
        Reply held = api.createPayout("life-del-" + UUID.randomUUID(), payee, "6000.00", "NPP", "Held");

        Reply deleted = api.delete("/v1/payees/" + payee);
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
        assertThat(api.get("/v1/payees/" + payee).status()).isEqualTo(404);
        assertThat(api.delete("/v1/payees/" + payee).status()).isEqualTo(404);
        assertThat(api.createPayout("life-del2-" + UUID.randomUUID(), payee, "1.00", "NPP", "x").status()).isEqualTo(422);

        PayoutsClient checker = api.as(api.post("/v1/api-keys", "{\"name\":\"life checker 2\",\"roles\":[\"payout:approve\"]}",
                Map.of()).body().path("token").asText());
        checker.post("/v1/payouts/" + held.id() + "/approve", null, new byte[0], Map.of());
        JsonNode failed = api.awaitStatus(held.id(), "FAILED", SETTLE);
        assertThat(failed.toString()).doesNotContain(account, "Deleted Person");
        assertThat(sandbox.executeCalls(failed.path("monoovaReference").asText())).isZero();
        // the same account can be registered again, as a new payee
        Reply again = registerBank("062-000", account, "Deleted Person");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.id()).isNotEqualTo(payee);
    }

    @Test
    void a_key_rotation_rewraps_every_data_key_and_payees_stay_usable() {
        String payee = registerBank("062-000", "2" + digits(7), "Rotation Person").id();
        Reply started = api.post("/v1/ops/payee-key-rotations", null, new byte[0], Map.of());
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/v1/ops/payee-key-rotations/" + started.id());
        Awaitility.await("rotation finished").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !api.get("/v1/ops/payee-key-rotations/" + started.id()).body().path("state").asText()
                        .equals("RUNNING"));
        JsonNode done = api.get("/v1/ops/payee-key-rotations/" + started.id()).body();
        assertThat(done.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("remaining").asLong()).isZero();
        assertThat(done.path("failed").asLong()).isZero();
        assertThat(done.path("rewrapped").asLong()).isPositive();

        Reply payout = api.createPayout("life-rot-" + UUID.randomUUID(), payee, "1.00", "NPP", "Rotated");
        api.awaitStatus(payout.id(), "COMPLETED", SETTLE);
        assertThat(api.get("/v1/ops/payee-key-rotations/rot_0000000000000000").status()).isEqualTo(404);
    }
}
