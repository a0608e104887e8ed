package com.acme.payouts.sandbox;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports reconciliation reads: {@code /reports/v1/statement/{date}} (the successful payouts of a
 * day, with fees) and {@code /receivables/v6/report/{date}} (the received DE and NPP items as CSV).
 */
final class ReportEndpoints {

    private final PayoutBook book;
    private final Receivables receivables;
    private final SydneyTime time;

    ReportEndpoints(PayoutBook book, Receivables receivables, SydneyTime time) {
        this.book = book;
        this.receivables = receivables;
        this.time = time;
    }

    /**
     * "All successful transactions for a date": payouts executed that Sydney day that completed, a returned
     * or dishonoured one included (it was paid; the money came back later). Each transaction's
     * {@code status} is {@code OK}, upper case as in the spec's example.
     */
    ApiResponse statement(ApiRequest request) {
        java.time.LocalDate day = FinancialEndpoints.date(request.pathParameter(0), "date");
        List<Map<String, Object>> transactions = new ArrayList<>();
        for (PayoutBook.StatementLine line : book.statement(day)) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("uniqueReferenced", line.uniqueReference());
            t.put("transactionId", line.transactionId());
            t.put("dateTime", time.webhookDateTime(line.executedAt()));
            t.put("status", "OK");
            t.put("totalAmount", line.amount());
            t.put("feeAmountExcludingGst", line.fee().excludingGst());
            t.put("feeAmountGstComponent", line.fee().gstComponent());
            t.put("feeAmountIncludingGst", line.fee().includingGst());
            transactions.add(t);
        }
        return ApiResponse.Json.ok().with("transactions", transactions);
    }

    /**
     * {@code {date}} ({@code yyyyMMddHHmmss}, Sydney) starts the range; {@code endDate} ends it, or else
     * the end of that day. The answer is {@code text/plain} CSV (the spec's declared type).
     */
    ApiResponse receivablesReport(ApiRequest request) {
        Instant from;
        Instant to;
        try {
            from = time.reportParameter(request.pathParameter(0));
            String end = request.queryParameter("endDate");
            to = end == null || end.isBlank()
                    ? time.date(from).plusDays(1).atStartOfDay(SydneyTime.SYDNEY).toInstant().minusMillis(1)
                    : time.reportParameter(end);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("InvalidDate", "date and endDate must be yyyyMMddHHmmss.");
        }
        byte[] csv = receivables.report(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new ApiResponse.Bytes(200, "text/plain; charset=utf-8", csv);
    }
}
