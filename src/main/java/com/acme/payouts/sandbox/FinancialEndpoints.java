package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /financial/v2/transaction/execute}, {@code /validate} and {@code /financial/v2/status}.
 *
 * <p>Execute is where the money rules meet the fault scenarios: the request is validated, the
 * faults are decided from the request's triggers or the seeded draw, and only then the book's
 * atomic check-and-commit runs. A reference that already moved money is always answered
 * {@code DuplicateUniqueReference}, whatever fault was drawn, so no fault can move money twice.
 */
final class FinancialEndpoints {

    static final String PENDING_DESCRIPTION = "Payment is in progress, please do not resubmit the transaction. "
            + "Use the /financial/v2/status/ API to check the status at a later time.";
    static final String REJECTED_DESCRIPTION = "Transaction rejected by banking institution.";
    /** The spec's only Complete example describes a direct debit; this text is the sandbox's own. */
    static final String COMPLETE_DESCRIPTION = "Transaction completed successfully.";

    private static final System.Logger LOG = System.getLogger(FinancialEndpoints.class.getName());
    private static final BigDecimal NO_FEE = new BigDecimal("0.00");

    private final PayoutRequestValidator validator;
    private final PayoutBook book;
    private final PayoutLifecycle lifecycle;
    private final FaultPolicy faults;
    private final Duration slowResponseDelay;

    FinancialEndpoints(
            PayoutRequestValidator validator,
            PayoutBook book,
            PayoutLifecycle lifecycle,
            FaultPolicy faults,
            Duration slowResponseDelay) {
        this.validator = validator;
        this.book = book;
        this.lifecycle = lifecycle;
        this.faults = faults;
        this.slowResponseDelay = slowResponseDelay;
    }

    ApiResponse execute(ApiRequest request) {
        JsonNode body;
        try {
            body = request.json();
        } catch (ApiException e) {
            return failure(e, null);
        }
        String reference = PayoutRequestValidator.referenceOf(body);
        int attempt = book.recordExecuteCall(reference);
        PayoutInstruction instruction;
        try {
            instruction = validator.validate(body);
        } catch (ApiException e) {
            return failure(e, reference);
        }
        ExecuteFault fault = faults.executeFault(instruction.scenarios(), reference, attempt);
        WebhookFault webhookFault = instruction.method().isNpp()
                ? faults.webhookFault(instruction.scenarios(), reference, attempt)
                : WebhookFault.NONE;
        PayoutBook.CommitResult result = book.commit(instruction, fault.commits(), webhookFault, true);
        switch (result.status()) {
            case DUPLICATE:
                return duplicate(reference);
            case INSUFFICIENT_FUNDS:
                return insufficientFunds(reference);
            case WOULD_COMMIT:
                LOG.log(Level.INFO, "Execute {0} attempt {1}: HTTP 500 before commit (fault)", reference, String.valueOf(attempt));
                return internalError();
            case COMMITTED:
                return committed(result.record(), fault, attempt);
            default:
                throw new IllegalStateException("unhandled commit status " + result.status());
        }
    }

    ApiResponse validate(ApiRequest request) {
        JsonNode body;
        try {
            body = request.json();
        } catch (ApiException e) {
            return failure(e, null);
        }
        String reference = PayoutRequestValidator.referenceOf(body);
        PayoutInstruction instruction;
        try {
            instruction = validator.validate(body);
        } catch (ApiException e) {
            return failure(e, reference);
        }
        // Never commits: "The callerUniqueReference will be reusable after the validate call"
        PayoutBook.CommitResult result = book.commit(instruction, false, WebhookFault.NONE, false);
        switch (result.status()) {
            case DUPLICATE:
                return duplicate(reference);
            case INSUFFICIENT_FUNDS:
                return insufficientFunds(reference);
            case WOULD_COMMIT:
                return feeResponse(0, reference, Fee.of(instruction.method()));
            default:
                throw new IllegalStateException("validate never commits, got " + result.status());
        }
    }

    ApiResponse status(ApiRequest request) {
        String reference = request.pathParameter(0);
        if (book.find(reference).filter(r -> r.instruction.scenarios().contains(Scenario.STATUS_500)).isPresent()) {
            LOG.log(Level.INFO, "Status of {0}: HTTP 500 (SBX-ST-500)", reference);
            return internalError();
        }
        SandboxTransaction transaction = book.transaction(reference)
                .orElseThrow(() -> ApiException.badRequest(
                        "TransactionNotFound", "No transaction was executed with this uniqueReference."));
        return ApiResponse.Json.ok(description(transaction))
                .with("completedDate", transaction.completedDate() == null ? null : transaction.completedDate().toString())
                .with("creditCardPaymentStatus", null)
                .with("dishonouredDate", null)
                .with("expectedClearanceDateForFunds", null)
                .with("fundsClearedDate", null)
                .with("transactionStatus", transaction.status().wireValue())
                .with("uniqueReference", transaction.uniqueReference());
    }

    /**
     * {@code GET /financial/v2/status/{startDate}/{endDate}}: {@code statuses[]} of every payout
     * executed on a Sydney day in the range (the spec does not say which date filters; the sandbox
     * uses the execution date).
     */
    ApiResponse statusesBetween(ApiRequest request) {
        java.time.LocalDate start = date(request.pathParameter(0), "startDate");
        java.time.LocalDate end = date(request.pathParameter(1), "endDate");
        List<Map<String, Object>> statuses = new java.util.ArrayList<>();
        for (SandboxTransaction t : book.executedBetween(start, end)) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("completedDate", t.completedDate() == null ? null : t.completedDate().toString());
            s.put("uniqueReference", t.uniqueReference());
            s.put("statusDescription", description(t));
            s.put("transactionStatus", t.status().wireValue());
            s.put("dishonouredDate", null);
            s.put("creditCardPaymentStatus", null);
            s.put("waitingOnClearedFundsDate", null);
            s.put("bulkDirectDebits", List.of());
            statuses.add(s);
        }
        return ApiResponse.Json.ok().with("statuses", statuses);
    }

    static java.time.LocalDate date(String text, String name) {
        try {
            return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("InvalidDate", name + " must be a date in the format yyyy-MM-dd.");
        }
    }

    private ApiResponse committed(PayoutRecord record, ExecuteFault fault, int attempt) {
        lifecycle.start(record, record.instruction.scenarios().contains(Scenario.WEBHOOK_EARLY));
        ApiResponse success = feeResponse(record.transactionId, record.uniqueReference(), record.fee);
        if (fault != ExecuteFault.NONE) {
            LOG.log(Level.INFO, "Execute {0} attempt {1}: committed transaction {2}, then {3} (fault)",
                    record.uniqueReference(), String.valueOf(attempt), String.valueOf(record.transactionId), fault);
        }
        switch (fault) {
            case NONE:
                return success;
            case FAIL_AFTER_COMMIT:
                return internalError();
            case TIMEOUT_AFTER_COMMIT:
                return new ApiResponse.Delayed(success, slowResponseDelay);
            case RESET_AFTER_COMMIT:
                return new ApiResponse.DropConnection();
            default:
                throw new IllegalStateException("fault " + fault + " does not commit");
        }
    }

    private static ApiResponse feeResponse(int transactionId, String reference, Fee disbursementFee) {
        Fee debitFee = new Fee(NO_FEE, NO_FEE, NO_FEE);
        Fee total = debitFee.plus(disbursementFee);
        Map<String, Object> disbursement = new LinkedHashMap<>();
        disbursement.put("disbursementArrayIndex", 0);
        disbursement.put("disbursementFee", fee(disbursementFee));
        Map<String, Object> breakdown = new LinkedHashMap<>();
        breakdown.put("debitFee", fee(debitFee));
        breakdown.put("disbursementFees", List.of(disbursement));
        return ApiResponse.Json.ok()
                .with("transactionId", transactionId)
                .with("feeAmountExcludingGst", total.excludingGst())
                .with("feeAmountGstComponent", total.gstComponent())
                .with("feeAmountIncludingGst", total.includingGst())
                .with("callerUniqueReference", reference)
                .with("feeBreakdown", breakdown);
    }

    private static Map<String, Object> fee(Fee fee) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("feeAmountExcludingGst", fee.excludingGst());
        fields.put("feeAmountGstComponent", fee.gstComponent());
        fields.put("feeAmountIncludingGst", fee.includingGst());
        return fields;
    }

    private static ApiResponse failure(ApiException e, String reference) {
        return ApiResponse.Json.error(e).with("transactionId", 0).with("callerUniqueReference", reference);
    }

    private static ApiResponse duplicate(String reference) {
        return failure(
                ApiException.badRequest(
                        "DuplicateUniqueReference",
                        "uniqueReference was already used by an executed transaction; check /financial/v2/status."),
                reference);
    }

    private static ApiResponse insufficientFunds(String reference) {
        return failure(
                ApiException.badRequest(
                        "InsufficientFunds", "The mAccount's availableToDebit is lower than the transaction amount."),
                reference);
    }

    private static ApiResponse internalError() {
        return ApiResponse.Json.error(500, "InternalServerError", "An unexpected error occurred.");
    }

    private static String description(SandboxTransaction transaction) {
        switch (transaction.status()) {
            case PENDING:
                return PENDING_DESCRIPTION;
            case REJECTED:
                return REJECTED_DESCRIPTION;
            default:
                return COMPLETE_DESCRIPTION;
        }
    }
}
