package com.acme.payouts.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the PascalCase webhook bodies of {@code event.NppPaymentStatusWebhook} and
 * {@code event.NppReturnWebhook}, with the spec's field order. Fields that don't apply to the
 * payout's rail are sent as {@code null} rather than left out, so receivers see the full shape.
 */
final class WebhookPayloads {

    static final String NPP_PAYMENT_STATUS = "NppPaymentStatus";
    static final String NPP_RETURN = "NppReturn";
    static final String DIRECT_ENTRY_DISHONOUR = "DirectEntryDishonour";

    private final SydneyTime time;

    WebhookPayloads(SydneyTime time) {
        this.time = time;
    }

    /** The final status of an NPP payout: {@code Payment Successful} or {@code Rejected}. */
    Map<String, Object> paymentStatus(PayoutOutcome outcome) {
        PayoutRecord record = outcome.record();
        PayoutInstruction instruction = record.instruction;
        Payee payee = instruction.payee();
        boolean rejected = outcome.transaction().status() == SandboxTransaction.Status.REJECTED;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("TransactionDate", time.webhookDateTime(record.createdAt));
        body.put("UniqueReference", instruction.uniqueReference());
        body.put("TransactionId", record.transactionId);
        body.put("Status", rejected ? "Rejected" : "Payment Successful");
        body.put("Amount", instruction.amount());
        putPayee(body, payee);
        body.put("RemitterName", payee.remitterName());
        body.put("LodgementRef", instruction.lodgementReference());
        body.put("RejectionDateTime", rejected ? time.webhookDateTimeHundredths(outcome.at()) : null);
        body.put("RejectionReasonDescription", rejected ? outcome.reason() : null);
        body.put("RejectionTransactionId", rejected ? outcome.eventTransactionId() : null);
        return body;
    }

    /** A completed NPP payout came back from the receiving bank. */
    Map<String, Object> nppReturn(PayoutOutcome outcome) {
        PayoutRecord record = outcome.record();
        PayoutInstruction instruction = record.instruction;
        Payee payee = instruction.payee();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ReturnDate", time.webhookDateTime(outcome.at()));
        body.put("Amount", instruction.amount());
        putPayee(body, payee);
        body.put("ReturnReason", outcome.reason());
        body.put("TransactionDate", time.webhookDateTime(record.createdAt));
        body.put("TransactionId", record.transactionId);
        body.put("UniqueReference", instruction.uniqueReference());
        body.put("RemitterName", payee.remitterName());
        body.put("LodgementRef", instruction.lodgementReference());
        body.put("ReturnTransactionId", outcome.eventTransactionId());
        return body;
    }

    /**
     * A direct credit came back ({@code event.directEntryDishonoursWebhook}): {@code Type: Credit},
     * the payee in {@code BankDetails}, the original transaction and our reference.
     */
    Map<String, Object> dishonour(PayoutOutcome outcome) {
        PayoutRecord record = outcome.record();
        PayoutInstruction instruction = record.instruction;
        Payee payee = instruction.payee();
        Map<String, Object> bank = new LinkedHashMap<>();
        bank.put("Bsb", payee.bsb());
        bank.put("AccountNumber", payee.accountNumber());
        bank.put("AccountName", payee.accountName());
        bank.put("Token", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ReturnDate", time.webhookDateTime(outcome.at()));
        body.put("Amount", instruction.amount());
        body.put("BankDetails", bank);
        body.put("Type", "Credit");
        body.put("ReturnReason", outcome.reason());
        body.put("TransactionDate", time.webhookDateTimeHundredths(record.createdAt));
        body.put("OriginalTransactionId", record.transactionId);
        body.put("TransactionReference", instruction.uniqueReference());
        return body;
    }

    private static void putPayee(Map<String, Object> body, Payee payee) {
        body.put("Bsb", payee.bsb());
        body.put("AccountNumber", payee.accountNumber());
        body.put("AccountName", payee.accountName());
        body.put("PayId", payee.payId());
        body.put("PayIdType", payee.payIdType());
        body.put("EndToEndId", payee.endToEndId());
    }
}
