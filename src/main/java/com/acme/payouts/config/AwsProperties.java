package com.acme.payouts.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code aws} profile. Credentials and region come from the default provider chain
 * and {@code AWS_REGION}; {@code endpoint} ({@code AWS_ENDPOINT_URL}) exists only for tests and local
 * emulators.
 *
 * @param tablePrefix prefix of every DynamoDB table name (the stack's tables)
 * @param createTables create missing tables at start (tests and emulators; in AWS the stack does)
 * @param kmsKeyId the KMS key (ARN or alias) that wraps payee data keys
 * @param dataKeyCacheSize unwrapped payee data keys kept in memory (0 turns the cache off)
 * @param dataKeyCacheTtl how long one is kept
 * @param apiKeySecret Secrets Manager secret holding the Monoova API key
 * @param webhookTokenSecret Secrets Manager secret holding the webhook security token
 * @param secretRefresh how often a secret is read again, so rotation needs no restart
 * @param metricsNamespace CloudWatch namespace of the service's metrics (the alarms use it)
 * @param archiveBucket S3 bucket (SSE-KMS) for raw webhooks and reconciliation reports
 */
@ConfigurationProperties("payouts.aws")
public record AwsProperties(
        @DefaultValue("ap-southeast-2") String region,
        String endpoint,
        @DefaultValue("payouts-") String tablePrefix,
        @DefaultValue("false") boolean createTables,
        String kmsKeyId,
        @DefaultValue("1000") int dataKeyCacheSize,
        @DefaultValue("5m") Duration dataKeyCacheTtl,
        @DefaultValue("monoova/api-key") String apiKeySecret,
        @DefaultValue("monoova/webhook-token") String webhookTokenSecret,
        @DefaultValue("5m") Duration secretRefresh,
        @DefaultValue("MonoovaPayouts") String metricsNamespace,
        String archiveBucket) {}
