package com.acme.payouts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.funding.FundingService;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.NewPayout;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.store.WebhookReceipt;
import com.acme.payouts.store.WebhookReceipt.Outcome;
import com.acme.payouts.store.embedded.EmbeddedFundingStore;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.store.embedded.EmbeddedWebhookReceiptStore;
import com.acme.payouts.support.TerminalMessageException;
import com.acme.payouts.support.TestDatabase;
import com.acme.payouts.support.TestJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookProcessorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private final ObjectMapper json = TestJson.mapper();
    private PayoutService payouts;
    private EmbeddedWebhookReceiptStore receipts;
    private WebhookProcessor processor;
    private FundingService funding;

    @BeforeEach
    void setUp() {
        var jdbc = TestDatabase.fresh();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        EmbeddedPayoutStore store = new EmbeddedPayoutStore(jdbc);
        payouts = new PayoutService(store, clock);
        receipts = new EmbeddedWebhookReceiptStore(jdbc, clock);
        funding = new FundingService(new EmbeddedFundingStore(jdbc), payouts, store, clock);
        payouts.onChange(funding);
        processor = new WebhookProcessor(payouts, receipts, json, funding, clock);
    }

    private Payout submitted(String amount) {
        String id = payouts.create(new NewPayout("key-" + UUID.randomUUID(), "api", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "***-*00 ****5678", Money.aud(amount), PayoutMethod.NPP, null))
                .payout().id();
        payouts.claimForSubmission(id);
        payouts.apply(id, PayoutEvent.MONOOVA_ACCEPTED, "Ok");
        return payouts.find(id).orElseThrow();
    }

    private String message(String webhookId, String eventName, ObjectNode payload) throws Exception {
        return json.writeValueAsString(new WebhookEvent(webhookId, eventName, NOW, payload));
    }

    private ObjectNode nppStatus(String reference, String status, String amount) {
        ObjectNode p = json.createObjectNode();
        p.put("TransactionId", 775501L);
        p.put("UniqueReference", reference);
        p.put("Status", status);
        p.put("Amount", new java.math.BigDecimal(amount));
        p.put("AccountNumber", "*****678");
        return p;
    }

    private Payout reload(Payout p) {
        return payouts.find(p.id()).orElseThrow();
    }

    private WebhookReceipt receipt(String webhookId) {
        return receipts.find(webhookId).orElseThrow();
    }

    @Test
    void payment_successful_completes_the_payout_and_records_the_transaction_id() throws Exception {
        Payout p = submitted("125.50");
        processor.process(message("9001", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "125.50")));

        assertThat(reload(p).status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(reload(p).monoovaTransactionId()).isEqualTo(775501L);
        assertThat(receipt("9001").outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(receipt("9001").payoutId()).isEqualTo(p.id());
    }

    @Test
    void rejected_fails_the_payout_with_a_scrubbed_reason() throws Exception {
        Payout p = submitted("10.00");
        ObjectNode payload = nppStatus(p.monoovaReference(), "Rejected", "10.00");
        payload.put("RejectionReasonDescription", "Account 062000123456789 closed");
        processor.process(message("9002", "NppPaymentStatus", payload));

        Payout after = reload(p);
        assertThat(after.status()).isEqualTo(PayoutStatus.FAILED);
        assertThat(after.failureReason()).contains("Account").contains("closed").doesNotContain("062000123456789");
        assertThat(receipt("9002").outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void a_duplicate_event_is_recorded_as_ignored_and_changes_nothing() throws Exception {
        Payout p = submitted("10.00");
        processor.process(message("9003", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "10.00")));
        Payout completed = reload(p);

        processor.process(message("9004", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "10.00")));

        assertThat(reload(p)).isEqualTo(completed);
        assertThat(receipt("9004").outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(receipt("9004").detail()).contains("COMPLETED");
    }

    @Test
    void a_rejection_for_a_completed_payout_is_a_contradiction_for_an_operator() throws Exception {
        Payout p = submitted("10.00");
        payouts.apply(p.id(), PayoutEvent.PAYMENT_COMPLETED, "status lookup");
        Payout completed = reload(p);

        assertThatThrownBy(() -> processor.process(
                        message("9005", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Rejected", "10.00"))))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("COMPLETED");
        assertThat(reload(p)).isEqualTo(completed);
        assertThat(receipt("9005").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void an_amount_that_differs_from_the_payout_is_refused() throws Exception {
        Payout p = submitted("10.00");
        assertThatThrownBy(() -> processor.process(
                        message("9006", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "100.00"))))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("amount");
        assertThat(reload(p).status()).isEqualTo(PayoutStatus.SUBMITTED);
        assertThat(receipt("9006").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void the_same_amount_written_with_other_decimals_matches() throws Exception {
        Payout p = submitted("10.00");
        processor.process(message("9007", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "10")));
        assertThat(reload(p).status()).isEqualTo(PayoutStatus.COMPLETED);
    }

    @Test
    void a_reference_that_is_not_ours_is_refused_without_touching_any_payout() throws Exception {
        assertThatThrownBy(() -> processor.process(
                        message("9008", "NppPaymentStatus", nppStatus("INV-someone-else", "Payment Successful", "10.00"))))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("not one of our payout references");
        assertThat(receipt("9008").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(receipt("9008").payoutId()).isNull();
    }

    @Test
    void a_reference_shaped_like_ours_for_a_payout_we_do_not_have_is_refused() throws Exception {
        assertThatThrownBy(() -> processor.process(message("9009", "NppPaymentStatus",
                        nppStatus("payout-po_abcdefghijklmnopqrstuvwxyz", "Payment Successful", "10.00"))))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("no payout");
        assertThat(receipt("9009").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void an_unexpected_status_value_is_refused() throws Exception {
        Payout p = submitted("10.00");
        assertThatThrownBy(() -> processor.process(
                        message("9010", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Sort Of Done", "10.00"))))
                .isInstanceOf(TerminalMessageException.class);
        assertThat(reload(p).status()).isEqualTo(PayoutStatus.SUBMITTED);
    }

    @Test
    void an_event_this_service_does_not_handle_is_refused_and_recorded() throws Exception {
        ObjectNode payload = json.createObjectNode().put("TotalCount", 1);
        assertThatThrownBy(() -> processor.process(message("9011", "InboundDirectDebit", payload)))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessage("event InboundDirectDebit is not handled by this service");
        assertThat(receipt("9011").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(receipt("9011").eventName()).isEqualTo("InboundDirectDebit");
    }

    @Test
    void the_webhook_id_is_read_for_the_idempotent_consumer() throws Exception {
        assertThat(processor.webhookId(message("9012", "NppPaymentStatus", json.createObjectNode()))).isEqualTo("9012");
    }
}
