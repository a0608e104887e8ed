package com.acme.payouts;

import static com.acme.payouts.support.PayoutAssertions.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.funding.ReservationState;
import com.acme.payouts.sandbox.InboundCredit;
import com.acme.payouts.sandbox.WebhookDelivery;
import com.acme.payouts.store.FundingStore;
import com.acme.payouts.store.WebhookReceipt;
import com.acme.payouts.store.WebhookReceiptStore;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.acme.payouts.support.Queues;
import com.acme.payouts.support.SandboxCalls;
import com.acme.payouts.webhook.ArchivedWebhook;
import com.acme.payouts.webhook.WebhookArchive;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every Monoova event the service handles, end to end: sent by the sandbox exactly as the spec shapes
 * and cases it, signed with the sandbox's key, received, archived (encrypted), queued and applied to
 * payouts or the funding ledger; events we do not handle end on the dead-letter queue with a reason.
 */
class MonoovaEventsIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(40);
    private static final Set<String> HANDLED = Set.of("NppPaymentStatus", "NppReturn", "DirectEntryDishonour",
            "InboundDirectCredit", "NPPReceivePayment", "InboundDirectCreditRejections", "NPPCreditRejections");

    @Autowired
    private FundingStore fundingStore;

    @Autowired
    private WebhookReceiptStore receipts;

    @Autowired
    private WebhookArchive archive;

    @Autowired
    private SqsClient sqsClient;

    @Value("${monoova.webhook-token}")
    private String token;

    private String payee(String name) {
        return api.createBankPayee("c-ev-" + UUID.randomUUID().toString().substring(0, 8), name, "062-000", "11223344").id();
    }

    private Optional<LedgerEntry> entry(String id) {
        return fundingStore.entry(id);
    }

    private LedgerEntry awaitEntry(String id) {
        Awaitility.await("ledger entry " + id).atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                .until(() -> entry(id).isPresent());
        return entry(id).orElseThrow();
    }

    private WebhookDelivery delivered(String event, java.util.function.Predicate<WebhookDelivery> matching) {
        WebhookDelivery[] found = new WebhookDelivery[1];
        Awaitility.await(event + " delivered").atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> {
            found[0] = sandbox.deliveries().stream()
                    .filter(d -> d.eventName().equals(event) && d.delivered() && d.targetUrl().getPath().equals("/webhooks/monoova"))
                    .filter(matching)
                    .reduce((a, b) -> b)
                    .orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private WebhookReceipt awaitReceipt(long webhookId) {
        Awaitility.await("receipt " + webhookId).atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                .until(() -> receipts.find(Long.toString(webhookId)).isPresent());
        return receipts.find(Long.toString(webhookId)).orElseThrow();
    }

    @Test
    void the_ops_command_subscribes_every_handled_event_to_our_url_with_subscription_status_on() {
        Reply first = api.post("/v1/ops/webhook-subscriptions", null, new byte[0], Map.of());
        Reply again = api.post("/v1/ops/webhook-subscriptions", null, new byte[0], Map.of());

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        List<JsonNode> items = StreamSupport.stream(first.body().path("items").spliterator(), false).toList();
        assertThat(items).extracting(i -> i.path("eventName").asText()).containsExactlyInAnyOrderElementsOf(HANDLED);
        assertThat(items).allSatisfy(i -> {
            assertThat(i.path("status").asText()).isEqualTo("On");
            assertThat(i.path("targetUrl").asText())
                    .isEqualTo("http://localhost:" + port + "/webhooks/monoova?event=" + i.path("eventName").asText());
        });
        assertThat(again.body().path("items")).as("running it again changes nothing").isEqualTo(first.body().path("items"));
    }

    @Test
    void an_npp_return_after_completion_makes_the_payout_returned_and_gives_its_money_back() throws Exception {
        Reply created = api.createPayout("ev-return-" + UUID.randomUUID(), payee("Jane Citizen"), "31.00", "NPP", "Ret SBX-RETURN");

        JsonNode returned = api.awaitStatus(created.id(), "RETURNED", SETTLE);

        assertThat(path(returned)).containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED", "RETURNED");
        assertThat(returned.path("failureReason").asText()).startsWith("NppReturn webhook ").endsWith(": ACCOUNT CLOSED");
        assertThat(fundingStore.reservation(created.id()).orElseThrow().state()).isEqualTo(ReservationState.RETURNED);

        // The raw body of the return is archived, encrypted, and reads back exactly as Monoova signed it.
        String reference = returned.path("monoovaReference").asText();
        WebhookDelivery delivery = delivered("NppReturn", d -> reference.equals(d.uniqueReference()));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String key = archive.keys(today).stream().filter(k -> k.endsWith("-" + delivery.webhookId() + ".wha")).findFirst()
                .orElseThrow();
        ArchivedWebhook archived = archive.read(key).orElseThrow();
        assertThat(new String(archived.body(), StandardCharsets.UTF_8)).contains("\"UniqueReference\":\"" + reference + "\"");
        assertThat(archived.signature()).isNotBlank();
        byte[] file = Files.readAllBytes(DATA_DIR.resolve("webhook-archive").resolve(key));
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(reference, "11223344");
    }

    @Test
    void a_de_dishonour_of_type_credit_returns_the_direct_credit_with_the_reason() {
        Reply created = api.createPayout("ev-dishonour-" + UUID.randomUUID(), payee("Jane Citizen"), "32.00", "DE", "DE SBX-DISHON");

        JsonNode returned = api.awaitStatus(created.id(), "RETURNED", SETTLE);

        assertThat(path(returned)).endsWith("COMPLETED", "RETURNED");
        assertThat(returned.path("failureReason").asText()).startsWith("DirectEntryDishonour webhook ").endsWith(": ACCOUNT CLOSED");
        assertThat(sandbox.executeCalls(returned.path("monoovaReference").asText())).isEqualTo(1);
    }

    @Test
    void inbound_credits_are_recorded_once_each_and_whitelisting_rejections_never_reach_the_balance() {
        String npp = sandbox.inboundCredit(InboundCredit.settlement("NPP", new BigDecimal("12.34")));
        String de1 = sandbox.inboundCredit(InboundCredit.settlement("DE", new BigDecimal("1.00")));
        String de2 = sandbox.inboundCredit(InboundCredit.settlement("DE", new BigDecimal("2.50")));
        String rejectedNpp = sandbox.inboundCredit(InboundCredit.settlement("NPP", new BigDecimal("9.99")).rejectedByWhitelist());
        String rejectedDe = sandbox.inboundCredit(InboundCredit.settlement("DE", new BigDecimal("8.88")).rejectedByWhitelist());

        LedgerEntry nppCredit = awaitEntry(LedgerEntry.creditId(npp));
        assertThat(nppCredit.amount()).isEqualByComparingTo("12.34");
        assertThat(nppCredit.source()).isEqualTo("NPP");
        assertThat(awaitEntry(LedgerEntry.creditId(de1)).batchId()).isEqualTo(awaitEntry(LedgerEntry.creditId(de2)).batchId());
        assertThat(awaitEntry(LedgerEntry.creditId(de2)).amount()).isEqualByComparingTo("2.50");
        LedgerEntry r1 = awaitEntry(LedgerEntry.rejectedId(rejectedNpp));
        LedgerEntry r2 = awaitEntry(LedgerEntry.rejectedId(rejectedDe));
        assertThat(List.of(r1, r2)).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(LedgerEntry.Kind.REJECTED_CREDIT);
            assertThat(r.detail()).startsWith("Non Whitelisted Source Account");
        });

        // The same notification sent again (Monoova's resend, same Webhookid) is processed once only.
        WebhookDelivery first = delivered("NPPReceivePayment", d -> true);
        WebhookReceipt receipt = awaitReceipt(first.webhookId());
        new SandboxCalls(sandbox).call("POST", "/subscriptions/v2/resend/" + first.webhookId(), "");
        Awaitility.await().atMost(SETTLE).until(() -> sandbox.deliveries().stream()
                .filter(d -> d.webhookId() == first.webhookId() && d.delivered()).count() >= 2);
        new Queues(sqsClient).awaitDrained(Queues.WEBHOOKS, SETTLE);
        assertThat(receipts.find(Long.toString(first.webhookId()))).contains(receipt);
    }

    @Test
    void events_we_do_not_handle_and_debit_dishonours_are_dead_lettered_with_their_reason() {
        SandboxCalls calls = new SandboxCalls(sandbox);
        int subscription = calls.subscribe("InboundDirectDebit",
                "http://localhost:" + port + "/webhooks/monoova?event=InboundDirectDebit", token);
        String marker = "DD-" + UUID.randomUUID();
        try {
            sandbox.emitWebhook("InboundDirectDebit", Map.of("TotalCount", 1, "TotalAmount", 1.0,
                    "DirectDebitDetails", List.of(Map.of("TransactionId", marker, "Status", "Pending"))));
            sandbox.emitWebhook("DirectEntryDishonour", Map.of("Type", "Debit", "TransactionReference", marker,
                    "Amount", 5.0, "ReturnReason", "REFER TO CUSTOMER"));

            Queues queues = new Queues(sqsClient);
            Message unknown = queues.awaitMessage(Queues.WEBHOOKS_DLQ,
                    m -> m.body().contains(marker) && m.body().contains("InboundDirectDebit"), SETTLE);
            assertThat(Queues.attribute(unknown, "deadLetterReason")).isEqualTo("event InboundDirectDebit is not handled by this service");
            Message debit = queues.awaitMessage(Queues.WEBHOOKS_DLQ,
                    m -> m.body().contains(marker) && m.body().contains("DirectEntryDishonour"), SETTLE);
            assertThat(Queues.attribute(debit, "deadLetterReason"))
                    .isEqualTo("DirectEntryDishonour of Type Debit is not a payout of this service (it never direct debits)");
        } finally {
            calls.unsubscribe(subscription);
        }
    }
}
