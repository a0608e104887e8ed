package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The test-only control API under {@code /sandbox/v1}: force lifecycle transitions, add funds,
 * set faults and inspect the ledger, transactions and webhook deliveries. It exists so tests
 * written in other languages or run against a standalone sandbox can do what the Java API does.
 */
final class ControlEndpoints {

    private final SandboxOperations operations;

    ControlEndpoints(SandboxOperations operations) {
        this.operations = operations;
    }

    ApiResponse complete(ApiRequest request) {
        String reference = request.pathParameter(0);
        return transition(reference, () -> operations.complete(reference));
    }

    ApiResponse reject(ApiRequest request) {
        String reference = request.pathParameter(0);
        String reason = optionalReason(request);
        return transition(reference, () -> operations.reject(reference, reason));
    }

    ApiResponse returnPayment(ApiRequest request) {
        String reference = request.pathParameter(0);
        String reason = optionalReason(request);
        return transition(reference, () -> operations.returnPayment(reference, reason));
    }

    ApiResponse dishonour(ApiRequest request) {
        String reference = request.pathParameter(0);
        String reason = optionalReason(request);
        return transition(reference, () -> operations.dishonour(reference, reason));
    }

    /**
     * {@code POST /sandbox/v1/inbound-credits}: money paid into the Automatcher (an acquirer's
     * settlement): {@code {"rail":"DE"|"NPP","amount":250.00, "lodgementRef", "remitterName", "sourceBsb",
     * "sourceAccountNumber", "sourceAccountName", "rejected": false, "webhook": "NONE"|"DROP"|"LOST"}}.
     */
    ApiResponse inboundCredit(ApiRequest request) {
        JsonNode body = request.jsonObject();
        JsonNode amount = body.get("amount");
        if (amount == null || !(amount.isNumber() || amount.isTextual())) {
            throw ApiException.badRequest("InvalidAmount", "amount must be a number.");
        }
        InboundCredit credit;
        try {
            credit = new InboundCredit(
                    body.path("rail").asText(""),
                    new BigDecimal(amount.asText()),
                    text(body, "lodgementRef", "SETTLEMENT"),
                    text(body, "remitterName", "ACQUIRER SETTLE"),
                    text(body, "sourceBsb", "012-366"),
                    text(body, "sourceAccountNumber", "123456789"),
                    text(body, "sourceAccountName", "ACQUIRER PTY LTD"),
                    body.path("rejected").asBoolean(false),
                    text(body, "webhook", "NONE"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("InvalidRequest", e.getMessage());
        }
        Receivables.Accepted accepted = operations.inboundCredit(credit);
        return ApiResponse.Json.ok()
                .with("id", accepted.id())
                .with("rail", accepted.rail())
                .with("rejected", accepted.rejected())
                .with("landsAt", accepted.landsAt().toString());
    }

    /** {@code POST /sandbox/v1/webhooks/emit}: {@code {"eventName": ..., "payload": ...}}, signed and sent to its subscribers. */
    ApiResponse emit(ApiRequest request) {
        JsonNode body = request.jsonObject();
        JsonNode payload = body.get("payload");
        if (payload == null || !(payload.isObject() || payload.isArray())) {
            throw ApiException.badRequest("InvalidRequest", "payload must be a JSON object or array.");
        }
        try {
            return ApiResponse.Json.ok().with("webhookIds", operations.emit(body.path("eventName").asText(""), payload));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("InvalidEventName", e.getMessage());
        }
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    ApiResponse transactions(ApiRequest request) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (SandboxTransaction transaction : operations.transactions()) {
            items.add(json(transaction));
        }
        return ApiResponse.Json.ok().with("transactions", items);
    }

    ApiResponse transaction(ApiRequest request) {
        String reference = request.pathParameter(0);
        return operations.transaction(reference)
                .<ApiResponse>map(t -> ApiResponse.Json.ok().with("transaction", json(t)))
                .orElseGet(() -> ApiResponse.Json.error(400, "TransactionNotFound",
                                "No transaction was executed with this uniqueReference.")
                        .with("executeCalls", operations.executeCalls(reference)));
    }

    ApiResponse ledger(ApiRequest request) {
        LedgerSnapshot ledger = operations.ledger();
        return ApiResponse.Json.ok()
                .with("openingBalance", ledger.openingBalance())
                .with("availableToDebit", ledger.availableToDebit())
                .with("totalDebited", ledger.totalDebited())
                .with("totalCredited", ledger.totalCredited())
                .with("feesCharged", ledger.feesCharged())
                .with("executeCalls", ledger.executeCalls())
                .with("duplicateExecutes", ledger.duplicateExecutes())
                .with("transactionCount", ledger.transactionCount());
    }

    ApiResponse faults(ApiRequest request) {
        JsonNode body = request.jsonObject();
        JsonNode seed = body.get("seed");
        JsonNode rate = body.get("rate");
        if (seed == null || !seed.isIntegralNumber() || !seed.canConvertToLong()) {
            throw ApiException.badRequest("InvalidRequest", "seed must be an integer.");
        }
        if (rate == null || !rate.isNumber()) {
            throw ApiException.badRequest("InvalidRequest", "rate must be a number between 0 and 1.");
        }
        try {
            operations.setFaults(seed.longValue(), rate.doubleValue());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("InvalidRequest", "rate must be a number between 0 and 1.");
        }
        return ApiResponse.Json.ok().with("seed", seed.longValue()).with("rate", rate.doubleValue());
    }

    ApiResponse funds(ApiRequest request) {
        JsonNode amount = request.jsonObject().get("amount");
        if (amount == null || !amount.isNumber()) {
            throw ApiException.badRequest("InvalidAmount", "amount must be a JSON number.");
        }
        BigDecimal value = amount.decimalValue();
        if (value.signum() <= 0 || !Money.hasAtMostTwoDecimals(value)) {
            throw ApiException.badRequest("InvalidAmount", "amount must be positive with at most 2 decimal places.");
        }
        operations.credit(value);
        return ApiResponse.Json.ok().with("availableToDebit", operations.ledger().availableToDebit());
    }

    ApiResponse deliveries(ApiRequest request) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (WebhookDelivery delivery : operations.deliveries()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("webhookId", delivery.webhookId());
            item.put("eventName", delivery.eventName());
            item.put("uniqueReference", delivery.uniqueReference());
            item.put("targetUrl", delivery.targetUrl().toString());
            item.put("attempt", delivery.attempt());
            item.put("httpStatus", delivery.httpStatus());
            item.put("error", delivery.error());
            item.put("time", delivery.time().toString());
            items.add(item);
        }
        return ApiResponse.Json.ok().with("deliveries", items);
    }

    private ApiResponse transition(String reference, Supplier<SandboxTransaction> action) {
        try {
            return ApiResponse.Json.ok().with("transaction", json(action.get()));
        } catch (NoSuchElementException e) {
            throw ApiException.badRequest("TransactionNotFound", e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.badRequest("InvalidTransactionState", e.getMessage());
        }
    }

    private static String optionalReason(ApiRequest request) {
        JsonNode body = request.json();
        if (body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("InvalidRequest", "The request body must be a JSON object.");
        }
        JsonNode reason = body.get("reason");
        if (reason == null || reason.isNull()) {
            return null;
        }
        if (!reason.isTextual() || reason.textValue().length() > 1000) {
            throw ApiException.badRequest("InvalidRequest", "reason must be a string of at most 1000 characters.");
        }
        return reason.textValue();
    }

    private Map<String, Object> json(SandboxTransaction transaction) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("uniqueReference", transaction.uniqueReference());
        item.put("transactionId", transaction.transactionId());
        item.put("disbursementMethod", transaction.disbursementMethod());
        item.put("amount", transaction.amount());
        item.put("status", transaction.status().wireValue());
        item.put("returned", transaction.returned());
        item.put("createdAt", transaction.createdAt().toString());
        item.put("completedDate", transaction.completedDate() == null ? null : transaction.completedDate().toString());
        item.put("rejectionReason", transaction.rejectionReason());
        item.put("returnReason", transaction.returnReason());
        item.put("moneyMoved", transaction.moneyMoved());
        item.put("executeCalls", transaction.uniqueReference() == null ? null : operations.executeCalls(transaction.uniqueReference()));
        return item;
    }
}
