package com.acme.payouts.config;

import com.acme.payouts.store.FundingStore;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.ProcessedMessageStore;
import com.acme.payouts.store.WebhookReceiptStore;
import com.acme.payouts.store.embedded.EmbeddedFundingStore;
import com.acme.payouts.store.embedded.EmbeddedPayeeStore;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.store.embedded.EmbeddedProcessedMessageStore;
import com.acme.payouts.store.embedded.EmbeddedRedriveAuditStore;
import com.acme.payouts.store.embedded.EmbeddedWebhookReceiptStore;
import com.acme.payouts.payee.crypto.KeyEncryptionKeys;
import com.acme.payouts.reconciliation.LocalReconciliationReports;
import com.acme.payouts.reconciliation.ReconciliationReports;
import com.acme.payouts.webhook.EncryptedFileWebhookArchive;
import com.acme.payouts.webhook.WebhookArchive;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The embedded default's stores: one H2 file database under the data directory, plus the webhook
 * archive (encrypted files) and the reconciliation reports (files) in directories beside it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!aws")
public class EmbeddedStoreConfiguration {

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
    FundingStore fundingStore(NamedParameterJdbcTemplate jdbc) {
        return new EmbeddedFundingStore(jdbc);
    }

    @Bean
    RedriveAuditStore redriveAuditStore(NamedParameterJdbcTemplate jdbc) {
        return new EmbeddedRedriveAuditStore(jdbc);
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
