package com.acme.payouts;

import static com.acme.payouts.support.PayoutAssertions.detailsInto;
import static com.acme.payouts.support.PayoutAssertions.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.sandbox.InboundCredit;
import com.acme.payouts.sandbox.WebhookDelivery;
import com.acme.payouts.store.FundingStore;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Money in and the balance (ADR 0006): payouts that would overdraw wait as AWAITING_FUNDS, nothing is
 * sent for them, and they are released oldest first when an acquirer's settlement lands; webhooks that
 * Monoova could not deliver are recovered from its delivery report.
 */
class FundingIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Autowired
    private FundingStore fundingStore;

    @Autowired
    private com.acme.payouts.store.WebhookReceiptStore receipts;

    private JsonNode balance() {
        Reply r = api.get("/v1/balance");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private static BigDecimal amount(JsonNode node, String field) {
        return new BigDecimal(node.path(field).asText());
    }

    private String payee() {
        return api.createBankPayee("c-fund-" + UUID.randomUUID().toString().substring(0, 8), "Jane Citizen", "062-000", "11223344")
                .id();
    }

    @Test
    void payouts_that_would_overdraw_wait_and_are_released_oldest_first_when_settlement_funds_arrive() {
        String payee = payee();
        JsonNode before = balance();
        assertThat(before.path("initialised").asBoolean()).isTrue();
        BigDecimal available = amount(before, "available");
        String older = available.add(new BigDecimal("10000.00")).toPlainString();
        String newer = available.add(new BigDecimal("20000.00")).toPlainString();

        Reply first = api.createPayout("fund-older-" + UUID.randomUUID(), payee, older, "NPP", "Big 1");
        JsonNode waitingFirst = api.awaitStatus(first.id(), "AWAITING_FUNDS", SETTLE);
        Reply second = api.createPayout("fund-newer-" + UUID.randomUUID(), payee, newer, "NPP", "Big 2");
        api.awaitStatus(second.id(), "AWAITING_FUNDS", SETTLE);

        assertThat(detailsInto(waitingFirst, "AWAITING_FUNDS").get(0)).startsWith("waiting for funds: needs " + older);
        JsonNode waiting = balance();
        assertThat(amount(waiting, "awaitingFunds")).isGreaterThanOrEqualTo(new BigDecimal(older).add(new BigDecimal(newer)));
        assertThat(waiting.path("awaitingFundsCount").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(sandbox.executeCalls(first.body().path("monoovaReference").asText())).as("nothing sent unfunded").isZero();

        // The acquirer's settlement by Direct Entry lands in the next batch: enough for the older one only.
        String settlement = sandbox.inboundCredit(InboundCredit.settlement("DE", new BigDecimal("10100.00")));

        JsonNode paid = api.awaitStatus(first.id(), "COMPLETED", SETTLE);
        assertThat(path(paid)).containsExactly("RECEIVED", "AWAITING_FUNDS", "RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        assertThat(fundingStore.entry(LedgerEntry.creditId(settlement)).orElseThrow().amount()).isEqualByComparingTo("10100.00");
        assertThat(api.payout(second.id()).path("status").asText()).as("the newer one still waits").isEqualTo("AWAITING_FUNDS");
        assertThat(sandbox.executeCalls(second.body().path("monoovaReference").asText())).isZero();

        // A large NPP settlement covers it (and tops the shared sandbox up again for the other tests).
        sandbox.inboundCredit(InboundCredit.settlement("NPP", new BigDecimal(newer).add(new BigDecimal("1000000.00"))));

        JsonNode alsoPaid = api.awaitStatus(second.id(), "COMPLETED", SETTLE);
        assertThat(path(alsoPaid)).contains("AWAITING_FUNDS", "RECEIVED", "COMPLETED");
        assertThat(sandbox.executeCalls(first.body().path("monoovaReference").asText())).isEqualTo(1);
        assertThat(sandbox.executeCalls(second.body().path("monoovaReference").asText())).isEqualTo(1);
        JsonNode after = balance();
        assertThat(amount(after, "available")).isGreaterThan(new BigDecimal("100000.00"));
        assertThat(after.path("monoova").path("availableToDebit").asText()).isNotBlank();
    }

    @Test
    void a_webhook_monoova_could_not_deliver_is_recovered_from_its_delivery_report_and_resent() {
        Reply created = api.createPayout("fund-lost-" + UUID.randomUUID(), payee(), "21.00", "NPP", "Lost SBX-WH-LOST");
        String reference = created.body().path("monoovaReference").asText();

        JsonNode done = api.awaitStatus(created.id(), "COMPLETED", SETTLE);

        // Both of Monoova's own attempts failed; the completion came from the resent webhook, same Webhookid.
        WebhookDelivery resent = sandbox.deliveries().stream()
                .filter(d -> reference.equals(d.uniqueReference()) && d.delivered())
                .findFirst()
                .orElseThrow();
        assertThat(resent.attempt()).isGreaterThanOrEqualTo(3);
        assertThat(sandbox.deliveries().stream().filter(d -> d.webhookId() == resent.webhookId() && d.attempt() <= 2))
                .hasSize(2)
                .allSatisfy(d -> assertThat(d.delivered()).isFalse());
        Awaitility.await("receipt of the resent webhook").atMost(SETTLE)
                .until(() -> receipts.find(Long.toString(resent.webhookId())).isPresent());
        // Normally the resent webhook completes it; on a very slow machine the status sweep may win the race.
        String completedBy = detailsInto(done, "COMPLETED").get(0);
        assertThat(completedBy.equals("NppPaymentStatus webhook " + resent.webhookId() + ": Payment Successful")
                        || completedBy.startsWith("status lookup"))
                .as(completedBy)
                .isTrue();

        // A funding webhook leaves no payout stuck: only the report and resend can bring it back.
        String credit = sandbox.inboundCredit(InboundCredit.settlement("NPP", new BigDecimal("4.56")).withWebhook("LOST"));
        Awaitility.await("lost credit recovered").atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> fundingStore.entry(LedgerEntry.creditId(credit)).isPresent());
    }
}
