package com.acme.payouts.reconciliation;

import java.util.Optional;

/**
 * Where reconciliation reports are kept: a local directory on the embedded default
 * ({@link LocalReconciliationReports}); an S3 bucket can implement the same interface in AWS.
 */
public interface ReconciliationReports {

    /** Writes the JSON and CSV of a run (replacing a run with the same id); returns where. */
    String write(String runId, byte[] json, byte[] csv);

    Optional<byte[]> json(String runId);

    Optional<byte[]> csv(String runId);
}
