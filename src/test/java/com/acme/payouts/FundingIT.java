package com.acme.payouts;

import static com.acme.payouts.support.PayoutAssertions.detailsInto;
import static com.acme.payouts.support.PayoutAssertions.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.funding.FundingBalance;
import com.acme.payouts.funding.FundingService;
import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.sandbox.InboundCredit;
import com.acme.payouts.sandbox.WebhookDelivery;
import com.acme.payouts.store.ConcurrentUpdateException;
import com.acme.payouts.store.FundingStore;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * Takes our available balance down to {@code target} with an audited ADJUSTMENT (as an operator
     * would record money committed elsewhere), and returns what was taken so it can be given back.
     * The sandbox opens at 1,000,000.00, ten times the per-request limit (100,000.00), so without this
     * no payout the limits allow could overdraw the balance. Monoova's {@code availableToDebit} stays
     * above ours, which the funding check leaves alone apart from giving back an earlier shortfall; so
     * after one check the balance is lowered again, and then holds still.
     */
    private BigDecimal lowerAvailableTo(BigDecimal target) {
        BigDecimal taken = adjustAvailableTo(target);
        Instant adjusted = Instant.now();
        Awaitility.await("a funding check against Monoova after the adjustment")
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> fundingStore.balance().map(FundingBalance::monoovaCheckedAt)
                        .filter(at -> at.isAfter(adjusted))
                        .isPresent());
        return taken.add(adjustAvailableTo(target));
    }

    /** One adjustment of the available balance to exactly {@code target}; returns how much was taken. */
    private BigDecimal adjustAvailableTo(BigDecimal target) {
        for (int attempt = 0; attempt < 10; attempt++) {
            FundingBalance balance = fundingStore.balance().orElseThrow();
            BigDecimal take = balance.available().subtract(target);
            if (take.signum() <= 0) {
                return BigDecimal.ZERO;
            }
            try {
                fundingStore.adjust(adjustment(take.negate(), "FundingIT: balance taken down to " + target.toPlainString()),
                        BigDecimal.ZERO, balance.version());
                return take;
            } catch (ConcurrentUpdateException moved) {
                // a reservation or credit changed the balance meanwhile: read it again
            }
        }
        throw new AssertionError("the funding balance kept changing; could not adjust it");
    }

    private void giveBack(BigDecimal taken) {
        if (taken.signum() > 0) {
            for (int attempt = 0; attempt < 10; attempt++) {
                FundingBalance balance = fundingStore.balance().orElseThrow();
                try {
                    fundingStore.adjust(adjustment(taken, "FundingIT: balance given back"), BigDecimal.ZERO, balance.version());
                    return;
                } catch (ConcurrentUpdateException moved) {
                    // read it again
                }
            }
            throw new AssertionError("the funding balance kept changing; could not give back " + taken.toPlainString());
        }
    }

    private static LedgerEntry adjustment(BigDecimal amount, String detail) {
        Instant now = Instant.now();
        return new LedgerEntry("adjust:" + UUID.randomUUID(), LedgerEntry.Kind.ADJUSTMENT, "test", null, amount, null, null,
                now.atZone(FundingService.SYDNEY).toLocalDate(), now, now, detail);
    }

    private String payee() {
        return api.createBankPayee("c-fund-" + UUID.randomUUID().toString().substring(0, 8), "Jane Citizen", "062-000", "11223344")
                .id();
    }

    @Test
    void payouts_that_would_overdraw_wait_and_are_released_oldest_first_when_settlement_funds_arrive() {
        String payee = payee();
        assertThat(balance().path("initialised").asBoolean()).isTrue();
        // Both payouts stay within the per-request limit and below the approval threshold (5000.00), so
        // nothing but funds holds them; the balance is first taken down to a few hundred dollars.
        BigDecimal taken = lowerAvailableTo(new BigDecimal("500.00"));
        try {
            JsonNode before = balance();
            BigDecimal available = amount(before, "available");
            String older = available.add(new BigDecimal("1000.00")).toPlainString();
            String newer = available.add(new BigDecimal("2000.00")).toPlainString();

            Reply first = api.createPayout("fund-older-" + UUID.randomUUID(), payee, older, "NPP", "Big 1");
            assertThat(first.status()).as(first.raw()).isEqualTo(202);
            JsonNode waitingFirst = api.awaitStatus(first.id(), "AWAITING_FUNDS", SETTLE);
            Reply second = api.createPayout("fund-newer-" + UUID.randomUUID(), payee, newer, "NPP", "Big 2");
            assertThat(second.status()).as(second.raw()).isEqualTo(202);
            api.awaitStatus(second.id(), "AWAITING_FUNDS", SETTLE);

            assertThat(detailsInto(waitingFirst, "AWAITING_FUNDS").get(0)).startsWith("waiting for funds: needs " + older);
            JsonNode waiting = balance();
            assertThat(amount(waiting, "awaitingFunds")).isGreaterThanOrEqualTo(new BigDecimal(older).add(new BigDecimal(newer)));
            assertThat(waiting.path("awaitingFundsCount").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(sandbox.executeCalls(first.body().path("monoovaReference").asText())).as("nothing sent unfunded").isZero();

            // The acquirer's settlement by Direct Entry lands in the next batch: enough for the older one only.
            String settlement = sandbox.inboundCredit(InboundCredit.settlement("DE", new BigDecimal("1100.00")));

            JsonNode paid = api.awaitStatus(first.id(), "COMPLETED", SETTLE);
            assertThat(path(paid)).containsExactly("RECEIVED", "AWAITING_FUNDS", "RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
            assertThat(fundingStore.entry(LedgerEntry.creditId(settlement)).orElseThrow().amount()).isEqualByComparingTo("1100.00");
            assertThat(api.payout(second.id()).path("status").asText()).as("the newer one still waits").isEqualTo("AWAITING_FUNDS");
            assertThat(sandbox.executeCalls(second.body().path("monoovaReference").asText())).isZero();

            // A larger NPP settlement covers it.
            sandbox.inboundCredit(InboundCredit.settlement("NPP", new BigDecimal(newer).add(new BigDecimal("1000.00"))));

            JsonNode alsoPaid = api.awaitStatus(second.id(), "COMPLETED", SETTLE);
            assertThat(path(alsoPaid)).contains("AWAITING_FUNDS", "RECEIVED", "COMPLETED");
            assertThat(sandbox.executeCalls(first.body().path("monoovaReference").asText())).isEqualTo(1);
            assertThat(sandbox.executeCalls(second.body().path("monoovaReference").asText())).isEqualTo(1);
            JsonNode after = balance();
            // What the two settlements left over once both payouts were paid: 100.00 + 1000.00.
            assertThat(amount(after, "available")).isGreaterThanOrEqualTo(new BigDecimal("1100.00"));
            assertThat(after.path("monoova").path("availableToDebit").asText()).isNotBlank();
        } finally {
            // The other tests share this balance.
            giveBack(taken);
        }
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
