package com.acme.payouts.config;

import com.acme.payouts.aws.KmsKeyEncryptionKeys;
import com.acme.payouts.aws.RefreshingSecret;
import com.acme.payouts.aws.S3ReconciliationReports;
import com.acme.payouts.aws.S3WebhookArchive;
import com.acme.payouts.reconciliation.ReconciliationReports;
import com.acme.payouts.webhook.WebhookArchive;
import com.acme.payouts.store.FundingStore;
import com.acme.payouts.store.NameCheckStore;
import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.dynamodb.DynamoFundingStore;
import com.acme.payouts.store.dynamodb.DynamoNameCheckStore;
import com.acme.payouts.store.dynamodb.DynamoRedriveAuditStore;
import software.amazon.awssdk.services.s3.S3Client;
import com.acme.payouts.monoova.MonoovaCredentials;
import com.acme.payouts.payee.crypto.DataKeyCache;
import com.acme.payouts.payee.crypto.KeyEncryptionKeys;
import com.acme.payouts.store.ApiKeyStore;
import com.acme.payouts.store.AuditStore;
import com.acme.payouts.store.LimitCounterStore;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.store.ProcessedMessageStore;
import com.acme.payouts.store.WebhookReceiptStore;
import com.acme.payouts.store.dynamodb.DynamoApiKeyStore;
import com.acme.payouts.store.dynamodb.DynamoAuditStore;
import com.acme.payouts.store.dynamodb.DynamoLimitCounterStore;
import com.acme.payouts.store.dynamodb.DynamoPayeeStore;
import com.acme.payouts.store.dynamodb.DynamoPayoutStore;
import com.acme.payouts.store.dynamodb.DynamoProcessedMessageStore;
import com.acme.payouts.store.dynamodb.DynamoTables;
import com.acme.payouts.store.dynamodb.DynamoWebhookReceiptStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.vault.AwsVaultConfiguration;
import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.cryptography.materialproviders.MaterialProviders;

/**
 * The {@code aws} profile: DynamoDB stores, KMS-wrapped payee keys, Monoova credentials from Secrets
 * Manager (through Camel's {@code aws:} properties function), SQS through the shared client of
 * {@link MessagingConfiguration}. Every client has connect, socket and whole-call timeouts; the SDK's
 * standard retry mode owns retries of AWS calls.
 */
@Configuration(proxyBeanMethods = false)
@Profile("aws")
public class AwsConfiguration {

    static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsProperties aws) {
        builder.region(Region.of(aws.region())).credentialsProvider(DefaultCredentialsProvider.builder().build());
        if (StringUtils.hasText(aws.endpoint())) {
            builder.endpointOverride(URI.create(aws.endpoint()));
        }
        return builder;
    }

    private static ApacheHttpClient.Builder http() {
        return ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .maxConnections(64);
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(Duration.ofSeconds(10))
                .apiCallTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(AwsProperties aws) {
        return configure(DynamoDbClient.builder(), aws)
                .httpClientBuilder(http())
                .overrideConfiguration(timeouts())
                .build();
    }

    @Bean(destroyMethod = "close")
    KmsClient kmsClient(AwsProperties aws) {
        return configure(KmsClient.builder(), aws)
                .httpClientBuilder(http())
                .overrideConfiguration(timeouts())
                .build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "payouts.aws.cloudwatch-metrics", havingValue = "true", matchIfMissing = true)
    CloudWatchAsyncClient cloudWatchAsyncClient(AwsProperties aws) {
        return configure(CloudWatchAsyncClient.builder(), aws)
                .overrideConfiguration(timeouts())
                .build();
    }

    /** Publishes every meter (ours and Spring's) to CloudWatch under {@code payouts.aws.metrics-namespace}. */
    @Bean
    @ConditionalOnProperty(name = "payouts.aws.cloudwatch-metrics", havingValue = "true", matchIfMissing = true)
    CloudWatchMeterRegistry cloudWatchMeterRegistry(CloudWatchAsyncClient cloudWatch, AwsProperties aws) {
        CloudWatchConfig config = key -> switch (key) {
            case "cloudwatch.namespace" -> aws.metricsNamespace();
            case "cloudwatch.step" -> "PT1M";
            default -> null;
        };
        return new CloudWatchMeterRegistry(config, io.micrometer.core.instrument.Clock.SYSTEM, cloudWatch);
    }

    @Bean
    DynamoTables dynamoTables(AwsProperties aws, DynamoDbClient dynamo) {
        DynamoTables tables = new DynamoTables(aws.tablePrefix());
        if (aws.createTables()) {
            tables.createAll(dynamo);
        }
        return tables;
    }

    @Bean
    PayoutStore payoutStore(DynamoDbClient dynamo, DynamoTables tables) {
        return new DynamoPayoutStore(dynamo, tables);
    }

    @Bean
    PayeeStore payeeStore(DynamoDbClient dynamo, DynamoTables tables) {
        return new DynamoPayeeStore(dynamo, tables);
    }

    @Bean
    ProcessedMessageStore processedMessageStore(DynamoDbClient dynamo, DynamoTables tables, Clock clock) {
        // Far longer than any SQS redelivery (maxReceiveCount x visibility timeout, retention 14 days).
        return new DynamoProcessedMessageStore(dynamo, tables, clock, Duration.ofDays(30));
    }

    @Bean
    WebhookReceiptStore webhookReceiptStore(DynamoDbClient dynamo, DynamoTables tables, Clock clock) {
        return new DynamoWebhookReceiptStore(dynamo, tables, clock);
    }

    @Bean
    ApiKeyStore apiKeyStore(DynamoDbClient dynamo, DynamoTables tables) {
        return new DynamoApiKeyStore(dynamo, tables);
    }

    @Bean
    AuditStore auditStore(DynamoDbClient dynamo, DynamoTables tables) {
        return new DynamoAuditStore(dynamo, tables);
    }

    @Bean
    LimitCounterStore limitCounterStore(DynamoDbClient dynamo, DynamoTables tables) {
        return new DynamoLimitCounterStore(dynamo, tables);
    }

    @Bean
    FundingStore fundingStore(DynamoDbClient dynamo, DynamoTables tables) {
        return new DynamoFundingStore(dynamo, tables);
    }

    @Bean
    RedriveAuditStore redriveAuditStore(DynamoDbClient dynamo, DynamoTables tables) {
        return new DynamoRedriveAuditStore(dynamo, tables);
    }

    @Bean
    NameCheckStore nameCheckStore(DynamoDbClient dynamo, DynamoTables tables) {
        return new DynamoNameCheckStore(dynamo, tables);
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(AwsProperties aws) {
        return configure(S3Client.builder(), aws)
                .httpClientBuilder(http())
                .overrideConfiguration(timeouts())
                // Emulators answer on one host name; in AWS virtual-hosted style is the default.
                .forcePathStyle(StringUtils.hasText(aws.endpoint()))
                .build();
    }

    @Bean
    WebhookArchive webhookArchive(S3Client s3, AwsProperties aws) {
        return new S3WebhookArchive(s3, aws.archiveBucket(), aws.kmsKeyId());
    }

    @Bean
    ReconciliationReports reconciliationReports(S3Client s3, AwsProperties aws) {
        return new S3ReconciliationReports(s3, aws.archiveBucket(), aws.kmsKeyId());
    }

    @Bean
    KeyEncryptionKeys keyEncryptionKeys(AwsProperties aws, KmsClient kms, MaterialProviders materialProviders) {
        return new KmsKeyEncryptionKeys(aws.kmsKeyId(), kms, materialProviders);
    }

    @Bean
    DataKeyCache dataKeyCache(AwsProperties aws, Clock clock) {
        return new DataKeyCache(aws.dataKeyCacheSize(), aws.dataKeyCacheTtl(), clock);
    }

    @Bean
    MonoovaCredentials monoovaCredentials(AwsProperties aws, CamelContext camel, Clock clock) {
        AwsVaultConfiguration vault = camel.getVaultConfiguration().aws();
        vault.setRegion(aws.region());
        vault.setDefaultCredentialsProvider(true);
        if (StringUtils.hasText(aws.endpoint())) {
            vault.setOverrideEndpoint(true);
            vault.setUriEndpointOverride(aws.endpoint());
        }
        RefreshingSecret apiKey = new RefreshingSecret(aws.apiKeySecret(),
                () -> camel.resolvePropertyPlaceholders("{{aws:" + aws.apiKeySecret() + "}}"), aws.secretRefresh(), clock);
        RefreshingSecret token = new RefreshingSecret(aws.webhookTokenSecret(),
                () -> camel.resolvePropertyPlaceholders("{{aws:" + aws.webhookTokenSecret() + "}}"), aws.secretRefresh(), clock);
        return new MonoovaCredentials() {
            @Override
            public String apiKey() {
                return apiKey.get();
            }

            @Override
            public String webhookToken() {
                return token.get();
            }

            @Override
            public String toString() {
                return "MonoovaCredentials[Secrets Manager, redacted]";
            }
        };
    }
}
