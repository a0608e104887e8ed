package com.acme.payouts.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What one reconciliation run found; written as JSON and CSV (ADR 0007). */
public record ReconciliationReport(
        String runId,
        LocalDate startDate,
        LocalDate endDate,
        Instant startedAt,
        Instant finishedAt,
        String requestedBy,
        boolean clean,
        int breakCount,
        List<Break> breaks,
        Map<String, String> summary,
        String location) {

    public ReconciliationReport withLocation(String where) {
        return new ReconciliationReport(runId, startDate, endDate, startedAt, finishedAt, requestedBy, clean, breakCount, breaks,
                summary, where);
    }
}
