package com.acme.payouts.config;

import com.acme.payouts.monoova.MonoovaCredentials;
import com.acme.payouts.payee.crypto.KeyEncryptionKeys;
import com.acme.payouts.payee.crypto.LocalKeyEncryptionKeys;
import com.acme.payouts.store.ApiKeyStore;
import com.acme.payouts.store.AuditStore;
import com.acme.payouts.store.LimitCounterStore;
import com.acme.payouts.store.FundingStore;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.store.NameCheckStore;
import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.ProcessedMessageStore;
import com.acme.payouts.store.WebhookReceiptStore;
import com.acme.payouts.store.embedded.EmbeddedApiKeyStore;
import com.acme.payouts.store.embedded.EmbeddedAuditStore;
import com.acme.payouts.store.embedded.EmbeddedLimitCounterStore;
import com.acme.payouts.store.embedded.EmbeddedFundingStore;
import com.acme.payouts.store.embedded.EmbeddedPayeeStore;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.store.embedded.EmbeddedProcessedMessageStore;
import com.acme.payouts.store.embedded.EmbeddedNameCheckStore;
import com.acme.payouts.store.embedded.EmbeddedRedriveAuditStore;
import com.acme.payouts.store.embedded.EmbeddedWebhookReceiptStore;
import java.security.SecureRandom;
import com.acme.payouts.reconciliation.LocalReconciliationReports;
import com.acme.payouts.reconciliation.ReconciliationReports;
import com.acme.payouts.webhook.EncryptedFileWebhookArchive;
import com.acme.payouts.webhook.WebhookArchive;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default's stores (one H2 file database under the data directory), the webhook archive
 * (encrypted files) and reconciliation reports (files) beside it, its local key-encryption key and
 * Monoova credentials from configuration.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!aws")
public class EmbeddedStoreConfiguration {

    @Bean
    KeyEncryptionKeys keyEncryptionKeys(PayoutsProperties props, MaterialProviders materialProviders) {
        return new LocalKeyEncryptionKeys(props.dataDir().resolve("kek"), materialProviders, new SecureRandom());
    }

    @Bean
    MonoovaCredentials monoovaCredentials(MonoovaProperties monoova) {
        return MonoovaCredentials.fixed(monoova.apiKey(), monoova.webhookToken());
    }

    @Bean
    PayoutStore payoutStore(NamedParameterJdbcTemplate jdbc) {
        return new EmbeddedPayoutStore(jdbc);
    }

    @Bean
    PayeeStore payeeStore(NamedParameterJdbcTemplate jdbc) {
        return new EmbeddedPayeeStore(jdbc);
    }

    @Bean
    ProcessedMessageStore processedMessageStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        return new EmbeddedProcessedMessageStore(jdbc, clock);
    }

    @Bean
    WebhookReceiptStore webhookReceiptStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        return new EmbeddedWebhookReceiptStore(jdbc, clock);
    }

    @Bean
    ApiKeyStore apiKeyStore(NamedParameterJdbcTemplate jdbc) {
        return new EmbeddedApiKeyStore(jdbc);
    }

    @Bean
    AuditStore auditStore(NamedParameterJdbcTemplate jdbc) {
        return new EmbeddedAuditStore(jdbc);
    }

    @Bean
    LimitCounterStore limitCounterStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx) {
        return new EmbeddedLimitCounterStore(jdbc, tx);
    }

    @Bean
    FundingStore fundingStore(NamedParameterJdbcTemplate jdbc) {
        return new EmbeddedFundingStore(jdbc);
    }

    @Bean
    RedriveAuditStore redriveAuditStore(NamedParameterJdbcTemplate jdbc) {
        return new EmbeddedRedriveAuditStore(jdbc);
    }

    @Bean
    NameCheckStore nameCheckStore(NamedParameterJdbcTemplate jdbc) {
        return new EmbeddedNameCheckStore(jdbc);
    }

    @Bean
    WebhookArchive webhookArchive(PayoutsProperties props, KeyEncryptionKeys keys) {
        return new EncryptedFileWebhookArchive(props.dataDir().resolve("webhook-archive"), keys);
    }

    @Bean
    ReconciliationReports reconciliationReports(PayoutsProperties props) {
        return new LocalReconciliationReports(props.dataDir().resolve("reconciliation"));
    }
}
