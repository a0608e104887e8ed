package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.sandbox.SandboxTransaction;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Direct Entry payouts end to end: the lodgement reference checked before anything is stored, the
 * {@code directCredit} executed once, completed on the sandbox's DE schedule (no webhook: found by the
 * status lookup), then dishonoured by the receiving bank ({@code DirectEntryDishonour}, {@code Type:
 * Credit}) and RETURNED with the bank's reason, after COMPLETED.
 */
class DirectEntryIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(40);

    private String payee() {
        return api.createBankPayee("c-de-" + UUID.randomUUID().toString().substring(0, 8), "Jane Citizen", "062-000", "12345678").id();
    }

    private static List<String> path(JsonNode payout) {
        List<String> out = new ArrayList<>();
        payout.path("history").forEach(t -> out.add(t.path("to").asText()));
        return out;
    }

    @Test
    void a_lodgement_reference_too_long_or_outside_the_de_character_set_is_refused_naming_the_field() {
        String payee = payee();
        for (String reference : List.of("ABCDEFGHIJKLMNOPQRS", "Invoice <42>", "Rechnung über")) {
            String key = "de-ref-" + UUID.randomUUID();
            Reply r = api.createPayout(key, payee, "10.00", "DE", reference);
            assertThat(r.status()).as(r.raw()).isEqualTo(422);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body().findValuesAsText("field")).containsExactly("reference");
            assertThat(r.body().findValuesAsText("code")).containsExactly("de-lodgement-reference");
            assertThat(api.get("/v1/payouts/" + PayoutIds.fromIdempotencyKey(key)).status()).as("nothing stored").isEqualTo(404);
        }
        Reply eighteen = api.createPayout("de-ref-" + UUID.randomUUID(), payee, "10.00", "DE", "INV-2026/11 #42 OK");
        assertThat(eighteen.status()).as(eighteen.raw()).isEqualTo(202);
    }

    @Test
    void a_direct_credit_completes_then_a_dishonour_returns_it_with_the_banks_reason() {
        Reply created = api.createPayout("de-" + UUID.randomUUID(), payee(), "45.60", "DE", "PAYOUT 2026-11");
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = created.id();
        String reference = created.body().path("monoovaReference").asText();

        JsonNode completed = api.awaitStatus(id, "COMPLETED", SETTLE);
        SandboxTransaction tx = sandbox.transaction(reference).orElseThrow();
        assertThat(tx.disbursementMethod()).isEqualTo("directCredit");
        assertThat(tx.status()).isEqualTo(SandboxTransaction.Status.COMPLETE);
        assertThat(path(completed)).endsWith("COMPLETED");

        // Days later the receiving bank sends it back: Monoova's DirectEntryDishonour, Type Credit.
        sandbox.dishonour(reference, "REFER TO CUSTOMER");
        JsonNode returned = api.awaitStatus(id, "RETURNED", SETTLE);
        assertThat(path(returned)).containsSubsequence("SUBMITTING", "COMPLETED", "RETURNED");
        assertThat(path(returned).indexOf("COMPLETED")).as("completed by the status lookup, before the dishonour")
                .isEqualTo(path(completed).indexOf("COMPLETED"));
        assertThat(returned.path("failureReason").asText()).startsWith("DirectEntryDishonour webhook ").endsWith(": REFER TO CUSTOMER");
        assertThat(sandbox.executeCalls(reference)).isEqualTo(1);
        assertThat(returned.toString()).doesNotContain("12345678", "Jane Citizen");
        Awaitility.await().atMost(SETTLE).until(() -> sandbox.deliveries().stream()
                .anyMatch(d -> "DirectEntryDishonour".equals(d.eventName()) && reference.equals(d.uniqueReference()) && d.delivered()));
    }

    @Test
    void the_sbx_dishon_scenario_completes_a_direct_credit_then_dishonours_it() {
        Reply created = api.createPayout("de-sbx-" + UUID.randomUUID(), payee(), "12.00", "DE", "INV7 SBX-DISHON");
        JsonNode returned = api.awaitStatus(created.id(), "RETURNED", SETTLE);
        assertThat(path(returned)).endsWith("COMPLETED", "RETURNED");
        assertThat(returned.path("failureReason").asText()).endsWith(": ACCOUNT CLOSED");
        assertThat(sandbox.executeCalls(returned.path("monoovaReference").asText())).isEqualTo(1);
    }
}
