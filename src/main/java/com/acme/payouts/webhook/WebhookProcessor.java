package com.acme.payouts.webhook;

import com.acme.payouts.funding.FundingService;
import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutMethod;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Applies a queued Monoova event to our payouts and funding ledger. Safe to run twice and in any
 * order: every payout change goes through the transition table with compare-and-set, and every credit
 * is keyed by Monoova's transaction id, so a duplicate or late event is recorded as IGNORED; an event
 * that contradicts what we know, or that we do not handle, is dead-lettered for an operator.
 *
 * <p>Field names are read exactly as the spec spells them per event (DIGEST §6): PascalCase, except
 * the two rejection events, which are camelCase.
 */
public class WebhookProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookProcessor.class);
    /** Exchange property: money came in or came back, so payouts waiting for funds may be released. */
    public static final String FUNDS_ARRIVED = "fundsArrived";
    /** {@code NPPReceivePayment} {@code DateTime}, e.g. {@code 20/10/2020 12:00:01 AM} (Sydney). */
    private static final DateTimeFormatter NPP_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d/M/yyyy h:mm:ss a")
            .toFormatter(Locale.ENGLISH);
    /** BECS transaction codes of credits: 50 credit, 51-57 government, pay, pension, dividend... payments. */
    private static final Set<String> CREDIT_CODES = Set.of("50", "51", "52", "53", "54", "55", "56", "57");

    private final PayoutService payouts;
    private final WebhookReceiptStore receipts;
    private final ObjectMapper json;
    private final FundingService funding;
    private final Clock clock;

    public WebhookProcessor(
            PayoutService payouts, WebhookReceiptStore receipts, ObjectMapper json, FundingService funding, Clock clock) {
        this.payouts = payouts;
        this.receipts = receipts;
        this.json = json;
        this.funding = funding;
        this.clock = clock;
    }

    /** The Webhookid of a queued event, for the idempotent consumer. */
    public String webhookId(String message) throws IOException {
        return json.readTree(message).path("webhookId").asText();
    }

    /** For the route: processes the queued event and tells whether funds arrived ({@link #FUNDS_ARRIVED}). */
    public void apply(Exchange exchange) throws IOException {
        exchange.setProperty(FUNDS_ARRIVED, process(exchange.getIn().getBody(String.class)));
    }

    /** @return whether money came in or came back (waiting payouts may now be covered) */
    public boolean process(String message) throws IOException {
        WebhookEvent event = json.readValue(message, WebhookEvent.class);
        MDC.put("webhookId", event.webhookId());
        try {
            switch (event.eventName()) {
                case WebhookEventNames.NPP_PAYMENT_STATUS -> {
                    return applyNppPaymentStatus(event);
                }
                case WebhookEventNames.NPP_RETURN -> {
                    return applyReturn(event, PayoutMethod.NPP, "UniqueReference", "TransactionId", event.eventName());
                }
                case WebhookEventNames.DIRECT_ENTRY_DISHONOUR -> {
                    return applyDishonour(event);
                }
                case WebhookEventNames.INBOUND_DIRECT_CREDIT -> {
                    return applyInboundDirectCredit(event);
                }
                case WebhookEventNames.NPP_RECEIVE_PAYMENT -> {
                    return applyNppReceivePayment(event);
                }
                case WebhookEventNames.INBOUND_DIRECT_CREDIT_REJECTIONS, WebhookEventNames.NPP_CREDIT_REJECTIONS -> {
                    return applyRejections(event);
                }
                default -> {
                    reject(event, null, "event " + event.eventName() + " is not handled by this service");
                    return false;
                }
            }
        } finally {
            MDC.remove("webhookId");
        }
    }

    private boolean applyNppPaymentStatus(WebhookEvent event) {
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
            return false;
        }
        Long transactionId = p.hasNonNull("TransactionId") ? p.path("TransactionId").asLong() : null;
        ApplyResult result = payouts.apply(payoutId, payoutEvent, detail, x -> x.withMonoovaTransactionId(transactionId));
        if (result instanceof Applied applied) {
            record(event, Outcome.APPLIED, payoutId, applied.payout().status().name());
            return payoutEvent == PayoutEvent.PAYMENT_REJECTED;
        } else if (result instanceof Ignored ignored) {
            PayoutStatus current = ignored.current().status();
            if (agrees(payoutEvent, current)) {
                // Follow the outcome into the funding reservation again: a redelivery after a crash
                // between the payout write and the reservation write finishes the job here.
                funding.settleFor(ignored.current());
                record(event, Outcome.IGNORED, payoutId, "payout already " + current);
            } else {
                reject(event, payoutId, "payout is " + current + " but the webhook says " + status);
            }
        } else {
            reject(event, payoutId, "no payout " + payoutId);
        }
        return false;
    }

    /**
     * {@code DirectEntryDishonour}: {@code Type: Credit} is one of our direct credits coming back;
     * {@code Type: Debit} is a dishonoured direct debit, which this service never makes, so it is
     * dead-lettered for an operator rather than silently dropped (docs/monoova-interpretation.md).
     */
    private boolean applyDishonour(WebhookEvent event) {
        String type = event.payload().path("Type").asText("");
        if ("Credit".equalsIgnoreCase(type)) {
            return applyReturn(event, PayoutMethod.DE, "TransactionReference", "OriginalTransactionId", event.eventName());
        }
        reject(event, null, "DirectEntryDishonour of Type " + Redaction.scrub(type)
                + " is not a payout of this service (it never direct debits)");
        return false;
    }

    /**
     * A completed payout came back (NPP return, DE dishonour of a credit): it becomes RETURNED and its
     * money goes back to the balance. A return proves the payment was made, so a payout we had not yet
     * seen complete (the completion webhook is late or lost) is completed first, then returned: the
     * history says what happened, and the late completion webhook is then recorded as a duplicate.
     */
    private boolean applyReturn(WebhookEvent event, PayoutMethod method, String referenceField, String transactionField,
            String label) {
        JsonNode p = event.payload();
        String payoutId = PayoutIds.payoutIdFromReference(p.path(referenceField).asText(null)).orElse(null);
        if (payoutId == null) {
            reject(event, null, referenceField + " is not one of our payout references");
        }
        Payout payout = payouts.find(payoutId).orElse(null);
        if (payout == null) {
            reject(event, payoutId, "no payout " + payoutId);
        }
        if (payout.method() != method) {
            reject(event, payoutId, label + " is for " + method + " payouts but payout " + payoutId + " was paid by " + payout.method());
        }
        if (p.hasNonNull("Amount") && amount(p.path("Amount")).compareTo(payout.amount().amount()) != 0) {
            reject(event, payoutId, "amount " + amount(p.path("Amount")).toPlainString() + " differs from the payout's "
                    + payout.amount().toPlainString());
        }
        Long transactionId = p.path(transactionField).canConvertToLong() ? p.path(transactionField).asLong() : null;
        String detail = label + " webhook " + event.webhookId() + ": "
                + Redaction.scrub(p.path("ReturnReason").asText("no reason given"));
        PayoutStatus status = payout.status();
        if (status == PayoutStatus.RETURNED) {
            funding.settleFor(payout);
            record(event, Outcome.IGNORED, payoutId, "payout already RETURNED");
            return false;
        }
        if (status == PayoutStatus.SUBMITTING || status == PayoutStatus.SUBMITTED || status == PayoutStatus.UNKNOWN) {
            payouts.apply(payoutId, PayoutEvent.PAYMENT_COMPLETED,
                    "completed (implied by " + label + " webhook " + event.webhookId() + ")",
                    x -> x.withMonoovaTransactionId(transactionId));
        }
        ApplyResult result = payouts.apply(payoutId, PayoutEvent.PAYMENT_RETURNED, detail,
                x -> x.withMonoovaTransactionId(transactionId));
        if (result instanceof Applied applied) {
            record(event, Outcome.APPLIED, payoutId, applied.payout().status().name());
            return true;
        }
        PayoutStatus current = result instanceof Ignored ignored ? ignored.current().status() : null;
        if (current == PayoutStatus.RETURNED) {
            record(event, Outcome.IGNORED, payoutId, "payout already RETURNED");
            return false;
        }
        reject(event, payoutId, "payout is " + current + " but " + label + " says it was paid and returned");
        return false;
    }

    /** {@code InboundDirectCredit}: a batch object; each credit is recorded once by its TransactionId. */
    private boolean applyInboundDirectCredit(WebhookEvent event) {
        JsonNode p = event.payload();
        JsonNode details = p.path("DirectCreditDetails");
        if (!details.isArray() || details.isEmpty()) {
            reject(event, null, "InboundDirectCredit has no DirectCreditDetails");
        }
        List<LedgerEntry> credits = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode item : details) {
            String transactionId = text(item, "TransactionId");
            String code = item.path("TransactionCode").asText("50");
            BigDecimal amount = positiveCents(event, item.path("Amount"), "Amount");
            if (transactionId == null) {
                reject(event, null, "a direct credit without TransactionId");
            }
            if (!CREDIT_CODES.contains(code)) {
                reject(event, null, "direct credit " + transactionId + " has TransactionCode " + Redaction.scrub(code)
                        + ", which is not a credit");
            }
            Instant at = sydneyTime(item.path("DateTime").asText(null), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            credits.add(new LedgerEntry(LedgerEntry.creditId(transactionId), LedgerEntry.Kind.CREDIT, "DE", transactionId,
                    amount, text(item, "BatchId"), Redaction.scrub(text(item, "LodgementRef")),
                    at.atZone(FundingService.SYDNEY).toLocalDate(), at, clock.instant(),
                    "InboundDirectCredit webhook " + event.webhookId()));
            total = total.add(amount);
        }
        if (p.hasNonNull("TotalCount") && p.path("TotalCount").asInt() != credits.size()) {
            reject(event, null, "TotalCount " + p.path("TotalCount").asInt() + " but " + credits.size() + " credits");
        }
        if (p.hasNonNull("TotalAmount") && amount(p.path("TotalAmount")).compareTo(total) != 0) {
            reject(event, null, "TotalAmount " + amount(p.path("TotalAmount")).toPlainString()
                    + " differs from the sum of the credits " + total.toPlainString());
        }
        return recordCredits(event, credits);
    }

    /** {@code NPPReceivePayment}: one credit; {@code Amount} is a string such as {@code "10.0000"}. */
    private boolean applyNppReceivePayment(WebhookEvent event) {
        JsonNode p = event.payload();
        String transactionId = text(p, "TransactionId");
        if (transactionId == null) {
            reject(event, null, "NPPReceivePayment without TransactionId");
        }
        BigDecimal amount = positiveCents(event, p.path("Amount"), "Amount");
        Instant at = sydneyTime(p.path("DateTime").asText(null), NPP_DATE_TIME);
        LedgerEntry credit = new LedgerEntry(LedgerEntry.creditId(transactionId), LedgerEntry.Kind.CREDIT, "NPP", transactionId,
                amount, null, Redaction.scrub(text(p, "EndToEndId")), at.atZone(FundingService.SYDNEY).toLocalDate(), at,
                clock.instant(), "NPPReceivePayment webhook " + event.webhookId());
        return recordCredits(event, List.of(credit));
    }

    private boolean recordCredits(WebhookEvent event, List<LedgerEntry> credits) {
        int added = 0;
        for (LedgerEntry credit : credits) {
            if (funding.recordCredit(credit)) {
                added++;
            }
        }
        if (added == 0) {
            record(event, Outcome.IGNORED, null, "credit(s) already recorded");
            return false;
        }
        record(event, Outcome.APPLIED, null, added + " credit(s) recorded"
                + (added < credits.size() ? ", " + (credits.size() - added) + " already known" : ""));
        return true;
    }

    /**
     * {@code InboundDirectCreditRejections} (an array) and {@code NPPCreditRejections} (one object), both
     * camelCase: inbound money Monoova sent back to its payer (whitelisting, reconciliation rules). It
     * never reached the balance; it is recorded so operators see settlement funds bouncing.
     */
    private boolean applyRejections(WebhookEvent event) {
        JsonNode p = event.payload();
        List<JsonNode> items = new ArrayList<>();
        if (p.isArray()) {
            p.forEach(items::add);
        } else if (p.isObject()) {
            items.add(p);
        }
        if (items.isEmpty()) {
            reject(event, null, event.eventName() + " has no rejected transaction");
        }
        int added = 0;
        for (JsonNode item : items) {
            String id = text(item, "id");
            if (id == null) {
                reject(event, null, "a rejected inbound transaction without id");
            }
            BigDecimal amount = positiveCents(event, item.path("amount"), "amount");
            Instant at = sydneyTime(item.path("dateTime").asText(null), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            String rail = "NPP".equalsIgnoreCase(item.path("transactionType").asText()) ? "NPP" : "DE";
            String reason = Redaction.scrub(item.path("reason").asText("no reason given"))
                    + (item.hasNonNull("status") ? " (" + Redaction.scrub(item.path("status").asText()) + ")" : "");
            if (funding.recordRejectedCredit(new LedgerEntry(LedgerEntry.rejectedId(id), LedgerEntry.Kind.REJECTED_CREDIT, rail,
                    null, amount, text(item, "batchId"), Redaction.scrub(text(item, "lodgementRef")),
                    at.atZone(FundingService.SYDNEY).toLocalDate(), at, clock.instant(), reason))) {
                added++;
            }
        }
        if (added == 0) {
            record(event, Outcome.IGNORED, null, "rejection(s) already recorded");
        } else {
            record(event, Outcome.APPLIED, null, added + " rejected inbound credit(s) recorded; the money went back to the payer");
        }
        return false;
    }

    private BigDecimal positiveCents(WebhookEvent event, JsonNode node, String field) {
        BigDecimal amount;
        try {
            amount = amount(node);
        } catch (NumberFormatException | NullPointerException e) {
            reject(event, null, field + " is not an amount");
            return null;
        }
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            reject(event, null, field + " " + amount.toPlainString() + " is not a positive amount in whole cents");
        }
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /** Amounts come as JSON numbers or as strings ({@code "10.0000"}); never through a double. */
    private static BigDecimal amount(JsonNode node) {
        if (node.isTextual()) {
            return new BigDecimal(node.asText().trim());
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        throw new NumberFormatException("not a number");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** Monoova's local Sydney time without an offset; when it is missing or unreadable, now. */
    private Instant sydneyTime(String text, DateTimeFormatter format) {
        if (text != null && !text.isBlank()) {
            try {
                return LocalDateTime.parse(text.trim(), format).atZone(FundingService.SYDNEY).toInstant();
            } catch (DateTimeParseException unreadable) {
                LOG.info("unreadable Monoova date-time; using the time it reached us");
            }
        }
        return clock.instant();
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
