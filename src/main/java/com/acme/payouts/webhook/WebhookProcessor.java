package com.acme.payouts.webhook;

import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutService.Applied;
import com.acme.payouts.payout.PayoutService.ApplyResult;
import com.acme.payouts.payout.PayoutService.Ignored;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.store.WebhookReceipt;
import com.acme.payouts.store.WebhookReceipt.Outcome;
import com.acme.payouts.store.WebhookReceiptStore;
import com.acme.payouts.support.Redaction;
import com.acme.payouts.support.TerminalMessageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Applies a queued Monoova event to our payouts. Safe to run twice and in any order: every change
 * goes through the transition table with compare-and-set, so a duplicate or late event is recorded
 * as IGNORED; an event that contradicts what we know is dead-lettered for an operator.
 */
public class WebhookProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookProcessor.class);

    private final PayoutService payouts;
    private final WebhookReceiptStore receipts;
    private final ObjectMapper json;

    public WebhookProcessor(PayoutService payouts, WebhookReceiptStore receipts, ObjectMapper json) {
        this.payouts = payouts;
        this.receipts = receipts;
        this.json = json;
    }

    /** The Webhookid of a queued event, for the idempotent consumer. */
    public String webhookId(String message) throws IOException {
        return json.readTree(message).path("webhookId").asText();
    }

    public void process(String message) throws IOException {
        WebhookEvent event = json.readValue(message, WebhookEvent.class);
        MDC.put("webhookId", event.webhookId());
        try {
            if (WebhookEventNames.NPP_PAYMENT_STATUS.equals(event.eventName())) {
                applyNppPaymentStatus(event);
            } else {
                reject(event, null, "event " + event.eventName() + " is not handled by this service");
            }
        } finally {
            MDC.remove("webhookId");
        }
    }

    private void applyNppPaymentStatus(WebhookEvent event) {
        JsonNode p = event.payload();
        String reference = p.path("UniqueReference").asText(null);
        String payoutId = PayoutIds.payoutIdFromReference(reference).orElse(null);
        if (payoutId == null) {
            reject(event, null, "UniqueReference is not one of our payout references");
        }
        Payout payout = payouts.find(payoutId).orElse(null);
        if (payout == null) {
            reject(event, payoutId, "no payout " + payoutId);
        }
        BigDecimal amount = p.path("Amount").decimalValue();
        if (p.hasNonNull("Amount") && amount.compareTo(payout.amount().amount()) != 0) {
            reject(event, payoutId, "amount " + amount.toPlainString() + " differs from the payout's "
                    + payout.amount().toPlainString());
        }
        String status = p.path("Status").asText("");
        PayoutEvent payoutEvent;
        String detail;
        if ("Payment Successful".equalsIgnoreCase(status)) {
            payoutEvent = PayoutEvent.PAYMENT_COMPLETED;
            detail = "NppPaymentStatus webhook " + event.webhookId() + ": Payment Successful";
        } else if ("Rejected".equalsIgnoreCase(status)) {
            payoutEvent = PayoutEvent.PAYMENT_REJECTED;
            detail = "rejected by the receiving institution: "
                    + Redaction.scrub(p.path("RejectionReasonDescription").asText("no reason given"));
        } else {
            reject(event, payoutId, "unexpected NppPaymentStatus Status " + Redaction.scrub(status));
            return;
        }
        Long transactionId = p.hasNonNull("TransactionId") ? p.path("TransactionId").asLong() : null;
        ApplyResult result = payouts.apply(payoutId, payoutEvent, detail, x -> x.withMonoovaTransactionId(transactionId));
        if (result instanceof Applied applied) {
            record(event, Outcome.APPLIED, payoutId, applied.payout().status().name());
        } else if (result instanceof Ignored ignored) {
            PayoutStatus current = ignored.current().status();
            if (agrees(payoutEvent, current)) {
                record(event, Outcome.IGNORED, payoutId, "payout already " + current);
            } else {
                reject(event, payoutId, "payout is " + current + " but the webhook says " + status);
            }
        } else {
            reject(event, payoutId, "no payout " + payoutId);
        }
    }

    /** Whether the payout's state already reflects this event (a duplicate), as opposed to contradicting it. */
    private static boolean agrees(PayoutEvent event, PayoutStatus current) {
        return switch (event) {
            case PAYMENT_COMPLETED -> current == PayoutStatus.COMPLETED || current == PayoutStatus.RETURNED;
            case PAYMENT_REJECTED -> current == PayoutStatus.FAILED;
            default -> false;
        };
    }

    private void record(WebhookEvent event, Outcome outcome, String payoutId, String detail) {
        receipts.record(new WebhookReceipt(event.webhookId(), event.eventName(), outcome, payoutId, detail, event.receivedAt()));
        LOG.info("webhook {} ({}) {}: {}", event.webhookId(), event.eventName(), outcome, detail);
    }

    private void reject(WebhookEvent event, String payoutId, String reason) {
        record(event, Outcome.REJECTED, payoutId, reason);
        throw new TerminalMessageException(reason);
    }
}
