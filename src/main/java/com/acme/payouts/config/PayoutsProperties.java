package com.acme.payouts.config;

import java.nio.file.Path;
import java.time.Duration;
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
        @DefaultValue("60s") java.time.Duration metricsRefresh) {

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
     * @param staleAfter how long a payout may sit in SUBMITTING/SUBMITTED/UNKNOWN before the sweeper acts;
     *     longer than the worst execute call (connect plus response timeout)
     * @param receivedStaleAfter how long a payout may wait in RECEIVED (queued) before it is enqueued again
     */
    public record Sweeper(
            @DefaultValue("5000") long periodMs,
            @DefaultValue("30s") Duration staleAfter,
            @DefaultValue("60s") Duration receivedStaleAfter,
            @DefaultValue("100") int batchSize) {}

    /** Concurrent consumers per queue (per instance) and the SQS long-poll wait. */
    public record Consumers(
            @DefaultValue("2") int payoutRequests,
            @DefaultValue("8") int payoutSubmissions,
            @DefaultValue("8") int webhooks,
            @DefaultValue("5") int waitTimeSeconds) {}
}
