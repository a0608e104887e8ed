package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.NewPayout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.sandbox.InboundCredit;
import com.acme.payouts.store.FundingStore;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.acme.payouts.support.Queues;
import com.acme.payouts.support.SandboxCalls;
import com.acme.payouts.support.TestCredentials;
import com.acme.payouts.support.TestJwts;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The operator's side: a reconciliation run that finds one break of each kind we inject (and none for
 * payouts that went right), and dead letters that are listed with their reasons and redriven through
 * the normal path, audited, without ever paying a payout twice. Every run and redrive is recorded as
 * the authenticated caller who made it: an operator's JWT, an operator's API key, the bootstrap key.
 */
class OperationsIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String TODAY = LocalDate.now(ZoneId.of("Australia/Sydney")).toString();

    @Autowired
    private FundingStore fundingStore;

    @Autowired
    private PayoutService payouts;

    @Autowired
    private SqsClient sqsClient;

    @Value("${monoova.webhook-token}")
    private String token;

    /** An operator signing in through the identity provider: a JWT with the ops role, opaque subject. */
    private PayoutsClient alice() {
        return api.as(TestJwts.shared().token("alice", List.of("ops"), List.of()));
    }

    /** An operator's own API key named "bob", holding only the ops role; made with the bootstrap key. */
    private PayoutsClient bob() {
        Reply key = api.post("/v1/api-keys", "{\"name\":\"bob\",\"roles\":[\"ops\"]}", Map.of());
        assertThat(key.status()).as(key.raw()).isEqualTo(201);
        return api.as(key.body().path("token").asText());
    }

    private String payee() {
        return api.createBankPayee("c-ops-" + UUID.randomUUID().toString().substring(0, 8), "Jane Citizen", "062-000", "11223344")
                .id();
    }

    private List<JsonNode> breaks(JsonNode report) {
        return StreamSupport.stream(report.path("breaks").spliterator(), false).toList();
    }

    private List<String> typesFor(JsonNode report, String reference) {
        return breaks(report).stream()
                .filter(b -> reference.equals(b.path("reference").asText()))
                .map(b -> b.path("type").asText())
                .toList();
    }

    @Test
    void a_reconciliation_run_names_one_injected_break_of_each_type_and_none_for_payouts_that_went_right() throws Exception {
        String payee = payee();
        // Payouts that go right, NPP and DE.
        Reply nppOk = api.createPayout("ops-ok-" + UUID.randomUUID(), payee, "41.00", "NPP", "Fine");
        Reply deOk = api.createPayout("ops-de-" + UUID.randomUUID(), payee, "42.00", "DE", "Fine");
        // LATE_RETURN: paid, in Monoova's statement, then returned.
        Reply returned = api.createPayout("ops-ret-" + UUID.randomUUID(), payee, "43.00", "NPP", "R SBX-RETURN");
        // STUCK_UNKNOWN: executed, the answer lost, the webhook lost, and the status endpoint failing.
        Reply unknown = api.createPayout("ops-unk-" + UUID.randomUUID(), payee, "44.00", "NPP", "U SBX-500C SBX-ST-500 SBX-WH-DROP");
        // MISSING_WEBHOOK: a settlement whose webhook Monoova never sends.
        String missing = sandbox.inboundCredit(InboundCredit.settlement("NPP", new BigDecimal("45.00")).withWebhook("DROP"));
        // AMOUNT_MISMATCH: a settlement of 46.00 our ledger holds as 46.50.
        String mismatched = sandbox.inboundCredit(InboundCredit.settlement("NPP", new BigDecimal("46.00")).withWebhook("DROP"));
        Instant now = Instant.now();
        fundingStore.record(new LedgerEntry(LedgerEntry.creditId(mismatched), LedgerEntry.Kind.CREDIT, "NPP", mismatched,
                new BigDecimal("46.50"), null, "injected", LocalDate.parse(TODAY), now, now, "injected by the test"));
        // ORPHAN_MONOOVA_TRANSACTION: someone else pays from our mAccount.
        String foreign = "foreign-" + UUID.randomUUID();
        assertThat(new SandboxCalls(sandbox).executeForeign(foreign, "1.23").path("status").asText()).isEqualTo("Ok");
        // UNKNOWN_TO_MONOOVA: a payout we hold as COMPLETED that never reached Monoova.
        String ghost = payouts.create(new NewPayout("ops-ghost-" + UUID.randomUUID(), "test", "c-ops", payee, "***",
                        Money.aud("47.00"), PayoutMethod.NPP, null))
                .payout().id();
        payouts.claimForSubmission(ghost);
        payouts.apply(ghost, PayoutEvent.MONOOVA_ACCEPTED, "injected");
        payouts.apply(ghost, PayoutEvent.PAYMENT_COMPLETED, "injected");
        // UNEXPLAINED_BALANCE_DIFFERENCE: money appears at Monoova that nothing explains.
        sandbox.credit(new BigDecimal("777.77"));

        api.awaitStatus(nppOk.id(), "COMPLETED", SETTLE);
        api.awaitStatus(deOk.id(), "COMPLETED", SETTLE);
        api.awaitStatus(returned.id(), "RETURNED", SETTLE);
        api.awaitStatus(unknown.id(), "UNKNOWN", SETTLE);
        // Every injected difference older than the settle grace (2 s) and the UNKNOWN beyond stuck-unknown-after (3 s).
        Thread.sleep(4000);

        Reply run = alice().post("/v1/reconciliation/runs", "{\"startDate\":\"" + TODAY + "\",\"endDate\":\"" + TODAY + "\"}",
                Map.of());

        assertThat(run.status()).as(run.raw()).isEqualTo(201);
        JsonNode report = run.body();
        assertThat(run.header("Location")).isEqualTo("/v1/reconciliation/runs/" + report.path("runId").asText());
        // Requested by the authenticated caller, named by its JWT subject (who redrives and runs are recorded as).
        assertThat(report.path("requestedBy").asText()).isEqualTo("alice (jwt:alice)");
        assertThat(report.path("clean").asBoolean()).isFalse();
        assertThat(typesFor(report, ref(returned))).contains("LATE_RETURN");
        assertThat(typesFor(report, ref(unknown))).contains("STUCK_UNKNOWN");
        assertThat(typesFor(report, missing)).containsExactly("MISSING_WEBHOOK");
        assertThat(typesFor(report, mismatched)).containsExactly("AMOUNT_MISMATCH");
        assertThat(typesFor(report, foreign)).containsExactly("ORPHAN_MONOOVA_TRANSACTION");
        assertThat(typesFor(report, "payout-" + ghost)).containsExactly("UNKNOWN_TO_MONOOVA");
        assertThat(breaks(report)).extracting(b -> b.path("type").asText()).contains("UNEXPLAINED_BALANCE_DIFFERENCE");
        assertThat(typesFor(report, ref(nppOk))).as("a payout that went right").isEmpty();
        assertThat(typesFor(report, ref(deOk))).as("a DE payout that went right").isEmpty();
        assertThat(report.path("breakCount").asInt()).isEqualTo(breaks(report).size());

        // The report is kept: as JSON, and as CSV with one line per break.
        Reply stored = api.get("/v1/reconciliation/runs/" + report.path("runId").asText());
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body().path("breaks")).isEqualTo(report.path("breaks"));
        Reply csv = api.get("/v1/reconciliation/runs/" + report.path("runId").asText() + "/breaks.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.raw().split("\r\n");
        assertThat(lines[0]).isEqualTo("type,reference,payoutId,ourStatus,monoovaStatus,ourAmount,monoovaAmount,detail");
        assertThat(lines).hasSize(report.path("breakCount").asInt() + 1);
        assertThat(csv.raw()).contains("MISSING_WEBHOOK," + missing + ",");
        assertThat(new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(report.path("location").asText())),
                StandardCharsets.UTF_8)).contains(report.path("runId").asText());

        assertThat(api.get("/v1/reconciliation/runs/rec-20200101-20200101-nothere0").status()).isEqualTo(404);
        Reply backwards = api.post("/v1/reconciliation/runs", "{\"startDate\":\"" + TODAY + "\",\"endDate\":\"2020-01-01\"}", Map.of());
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().path("errors").get(0).path("field").asText()).isEqualTo("endDate");
    }

    private static String ref(Reply created) {
        return created.body().path("monoovaReference").asText();
    }

    @Test
    void dead_letters_are_listed_with_reasons_and_redriven_through_the_normal_path_without_paying_twice() {
        Queues queues = new Queues(sqsClient);
        Reply paid = api.createPayout("ops-dl-" + UUID.randomUUID(), payee(), "51.00", "NPP", "Dead letters");
        JsonNode completed = api.awaitStatus(paid.id(), "COMPLETED", SETTLE);
        String reference = completed.path("monoovaReference").asText();
        assertThat(sandbox.executeCalls(reference)).isEqualTo(1);

        // A submission message for the paid payout lands on the dead-letter queue (as after repeated crashes).
        queues.send(Queues.PAYOUT_SUBMISSIONS_DLQ, "{\"payoutId\":\"" + paid.id() + "\",\"attempt\":99}");
        // And an event we do not handle is dead-lettered by the normal path, with its reason.
        SandboxCalls calls = new SandboxCalls(sandbox);
        int subscription = calls.subscribe("DirectDebitClearance",
                "http://localhost:" + port + "/webhooks/monoova?event=DirectDebitClearance", token);
        String marker = Long.toString(System.nanoTime());
        try {
            sandbox.emitWebhook("DirectDebitClearance", Map.of("TotalCount", 1, "TransactionIds", List.of(Map.of("Id", Long.parseLong(marker)))));
            queues.awaitMessage(Queues.WEBHOOKS_DLQ, m -> m.body().contains(marker), SETTLE);
        } finally {
            calls.unsubscribe(subscription);
        }

        Reply listed = api.get("/v1/dead-letters/payout-submissions?limit=100");
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        JsonNode letter = StreamSupport.stream(listed.body().path("items").spliterator(), false)
                .filter(i -> i.path("body").asText().contains(paid.id()))
                .findFirst()
                .orElseThrow();
        assertThat(letter.path("queue").asText()).isEqualTo("payout-submissions-dlq");
        JsonNode webhookLetter = StreamSupport.stream(api.get("/v1/dead-letters/monoova-webhooks").body().path("items").spliterator(), false)
                .filter(i -> i.path("body").asText().contains(marker))
                .findFirst()
                .orElseThrow();
        assertThat(webhookLetter.path("reason").asText()).isEqualTo("event DirectDebitClearance is not handled by this service");
        assertThat(webhookLetter.path("route").asText()).isEqualTo("webhook-processing");

        // Redrive the submission: it goes through payout-submit again, which cannot pay a settled payout.
        PayoutsClient bob = bob();
        Reply redriven = bob.post("/v1/dead-letters/payout-submissions/messages/" + letter.path("messageId").asText() + "/redrive",
                null, new byte[0], Map.of());
        assertThat(redriven.status()).as(redriven.raw()).isEqualTo(200);
        JsonNode record = redriven.body().path("items").get(0);
        // Recorded as the authenticated caller (bob's API key: its name and key id), never as its credential.
        assertThat(record.path("who").asText()).matches("bob \\(key:[^)]+\\)");
        assertThat(record.path("messageId").asText()).isEqualTo(letter.path("messageId").asText());
        assertThat(record.path("newMessageId").asText()).isNotBlank();
        queues.awaitDrained(Queues.PAYOUT_SUBMISSIONS, SETTLE);
        assertThat(sandbox.executeCalls(reference)).as("never paid twice").isEqualTo(1);
        assertThat(api.payout(paid.id()).path("history")).isEqualTo(completed.path("history"));
        assertThat(queues.matching(Queues.PAYOUT_SUBMISSIONS_DLQ, m -> m.body().contains(paid.id()))).isEmpty();

        // Redrive every dead-lettered webhook: the unhandled event is refused again by the same path, and
        // comes back as a new dead letter that this redrive leaves alone (no loop).
        int before = api.get("/v1/dead-letters/monoova-webhooks?limit=100").body().path("items").size();
        Reply all = api.post("/v1/dead-letters/monoova-webhooks/redrive", null, new byte[0], Map.of());
        assertThat(all.status()).as(all.raw()).isEqualTo(200);
        assertThat(all.body().path("items").size()).isGreaterThanOrEqualTo(1);
        if (before < 100) {
            assertThat(all.body().path("items").size()).isLessThanOrEqualTo(before);
        }
        // The bootstrap operator key this time, recorded by its name and id, never its token.
        assertThat(all.body().path("items").get(0).path("who").asText())
                .isEqualTo("bootstrap operator (key:bootstrap)")
                .doesNotContain(TestCredentials.BOOTSTRAP_TOKEN);
        queues.awaitMessage(Queues.WEBHOOKS_DLQ, m -> m.body().contains(marker), SETTLE);

        // Every redrive is in the append-only audit, newest first.
        List<JsonNode> audit = new ArrayList<>();
        api.get("/v1/redrive-audit?limit=500").body().path("items").forEach(audit::add);
        assertThat(audit).extracting(a -> a.path("who").asText()).contains(record.path("who").asText(),
                "bootstrap operator (key:bootstrap)");
        assertThat(audit).anySatisfy(a -> {
            assertThat(a.path("who").asText()).isEqualTo(record.path("who").asText());
            assertThat(a.path("queue").asText()).isEqualTo("payout-submissions");
            assertThat(a.path("messageId").asText()).isEqualTo(letter.path("messageId").asText());
        });

        Reply unknownMessage = api.post("/v1/dead-letters/payout-submissions/messages/no-such-message/redrive", null,
                new byte[0], Map.of());
        assertThat(unknownMessage.status()).isEqualTo(404);
        assertThat(api.get("/v1/dead-letters/no-such-flow").status()).isEqualTo(400);
    }
}
