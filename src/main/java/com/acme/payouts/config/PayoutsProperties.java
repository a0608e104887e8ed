package com.acme.payouts.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own settings.
 *
 * @param dataDir where the embedded default keeps its database, queues and key-encryption key
 * @param publicBaseUrl the URL Monoova reaches us on (webhook target); defaults to localhost and the server port
 * @param metricsRefresh how often payout counts, oldest-payout ages and dead-letter depths are read for metrics
 */
@ConfigurationProperties("payouts")
public record PayoutsProperties(
        @DefaultValue("./data") Path dataDir,
        String publicBaseUrl,
        @DefaultValue Queues queues,
        @DefaultValue Sqs sqs,
        @DefaultValue Sweeper sweeper,
        @DefaultValue Consumers consumers,
        @DefaultValue("60s") java.time.Duration metricsRefresh,
        @DefaultValue Funding funding,
        @DefaultValue WebhookRecovery webhookRecovery,
        @DefaultValue Reconciliation reconciliation) {

    /** Queue names; each flow has its own dead-letter queue. */
    public record Queues(
            @DefaultValue("payout-requests") String payoutRequests,
            @DefaultValue("payout-requests-dlq") String payoutRequestsDlq,
            @DefaultValue("payout-submissions") String payoutSubmissions,
            @DefaultValue("payout-submissions-dlq") String payoutSubmissionsDlq,
            @DefaultValue("monoova-webhooks") String webhooks,
            @DefaultValue("monoova-webhooks-dlq") String webhooksDlq,
            @DefaultValue("5") int maxReceiveCount,
            @DefaultValue("120") int visibilityTimeoutSeconds) {}

    /**
     * SQS client settings.
     *
     * @param embedded set by {@link EmbeddedDefaultsPostProcessor}: run ElasticMQ in this JVM
     * @param endpoint endpoint override, only for the embedded server, tests and local emulators
     */
    public record Sqs(
            @DefaultValue("false") boolean embedded,
            @DefaultValue("0") int embeddedPort,
            String endpoint,
            @DefaultValue("ap-southeast-2") String region) {}

    /**
     * The sweeper that drives payouts left in a non-final state.
     *
     * @param staleAfter how long a payout may sit in SUBMITTED/UNKNOWN before the sweeper asks Monoova
     * @param submittingStaleAfter how long a claimed payout may sit in SUBMITTING before the sweeper takes
     *     its worker for dead; it also bounds when that worker may still send (SendWindow), so it must
     *     exceed the execute call's budget (checked at start-up)
     * @param receivedStaleAfter how long a payout may wait in RECEIVED (queued) before it is enqueued again
     */
    public record Sweeper(
            @DefaultValue("5000") long periodMs,
            @DefaultValue("30s") Duration staleAfter,
            @DefaultValue("60s") Duration submittingStaleAfter,
            @DefaultValue("60s") Duration receivedStaleAfter,
            @DefaultValue("100") int batchSize) {}

    /**
     * The funding monitor (ADR 0006).
     *
     * @param monitorPeriodMs how often reservations are repaired and waiting payouts released
     * @param monoovaCheckEvery how often our balance is compared with Monoova's {@code availableToDebit}
     * @param releaseBatch how many waiting payouts one release pass looks at, oldest first
     */
    public record Funding(
            @DefaultValue("5000") long monitorPeriodMs,
            @DefaultValue("60s") Duration monoovaCheckEvery,
            @DefaultValue("100") int releaseBatch) {}

    /**
     * Recovery of webhooks Monoova could not deliver (its delivery report, then resend).
     *
     * @param periodMs how often the report is read
     * @param maxResends how many times one notification is asked for again before an operator must look
     * @param lookbackDays how many days of reports before today are read as well
     */
    public record WebhookRecovery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60000") long periodMs,
            @DefaultValue("3") int maxResends,
            @DefaultValue("1") int lookbackDays) {}

    /**
     * The daily reconciliation (ADR 0007).
     *
     * @param daily run it every day for the previous Sydney day, after {@code dailyAt} (Sydney time)
     * @param checkPeriodMs how often the daily schedule is looked at
     * @param stuckUnknownAfter a payout UNKNOWN longer than this is reported as a break
     * @param settleGrace a difference younger than this is not a break yet (its webhook may be on the way)
     */
    public record Reconciliation(
            @DefaultValue("true") boolean daily,
            @DefaultValue("06:00") LocalTime dailyAt,
            @DefaultValue("600000") long checkPeriodMs,
            @DefaultValue("30m") Duration stuckUnknownAfter,
            @DefaultValue("5m") Duration settleGrace) {}

    /** Concurrent consumers per queue (per instance) and the SQS long-poll wait. */
    public record Consumers(
            @DefaultValue("2") int payoutRequests,
            @DefaultValue("8") int payoutSubmissions,
            @DefaultValue("8") int webhooks,
            @DefaultValue("5") int waitTimeSeconds) {}
}
