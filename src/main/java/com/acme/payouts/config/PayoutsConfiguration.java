package com.acme.payouts.config;

import com.acme.payouts.api.ApiResponses;
import com.acme.payouts.api.BalanceApi;
import com.acme.payouts.api.DeadLetterApi;
import com.acme.payouts.api.OperationsApi;
import com.acme.payouts.api.ReconciliationApi;
import com.acme.payouts.api.ContractValidator;
import com.acme.payouts.api.NameCheckApi;
import com.acme.payouts.api.PayeeApi;
import com.acme.payouts.api.PayoutApi;
import com.acme.payouts.api.ProblemResponses;
import com.acme.payouts.funding.FundingService;
import com.acme.payouts.messaging.DeadLetterOperations;
import com.acme.payouts.messaging.DeadLetters;
import com.acme.payouts.messaging.PayoutRequestConsumer;
import com.acme.payouts.messaging.StoreIdempotentRepository;
import com.acme.payouts.monoova.MonoovaAdminClient;
import com.acme.payouts.monoova.MonoovaClassifier;
import com.acme.payouts.monoova.MonoovaCredentials;
import com.acme.payouts.monoova.MonoovaHttp;
import com.acme.payouts.monoova.MonoovaNameCheck;
import com.acme.payouts.namecheck.NameCheckService;
import com.acme.payouts.monoova.MonoovaPublicKeys;
import com.acme.payouts.monoova.MonoovaRequestMapper;
import com.acme.payouts.monoova.SubscriptionBootstrap;
import com.acme.payouts.monitoring.PayoutMetrics;
import com.acme.payouts.monoova.MonoovaBsbDirectory;
import com.acme.payouts.payee.BsbDirectory;
import com.acme.payouts.payee.PayeeBlindIndex;
import com.acme.payouts.payee.PayeeCodec;
import com.acme.payouts.payee.PayeeKeyRotation;
import com.acme.payouts.security.SecretMaterial;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.core.env.Environment;
import com.acme.payouts.payee.PayeeValidator;
import com.acme.payouts.payee.PayeeVault;
import com.acme.payouts.payee.crypto.DataKeyCache;
import com.acme.payouts.payee.crypto.EnvelopePayeeCipher;
import com.acme.payouts.payee.crypto.KeyEncryptionKeys;
import com.acme.payouts.payee.crypto.PayeeCipher;
import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.payout.ApprovalPolicy;
import com.acme.payouts.payout.CoolingOff;
import com.acme.payouts.payout.CoolingOffPolicy;
import com.acme.payouts.payout.PayoutAudit;
import com.acme.payouts.payout.PayoutIntake;
import com.acme.payouts.payout.SpendingLimits;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.store.FundingStore;
import com.acme.payouts.store.NameCheckStore;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.ProcessedMessageStore;
import com.acme.payouts.store.WebhookReceiptStore;
import com.acme.payouts.submission.CoolingOffSteps;
import com.acme.payouts.submission.FundingMonitor;
import com.acme.payouts.submission.FundingSteps;
import com.acme.payouts.submission.OutcomeRecorder;
import com.acme.payouts.submission.PayeeLookup;
import com.acme.payouts.submission.PayoutSweeper;
import com.acme.payouts.submission.ResolutionSteps;
import com.acme.payouts.submission.SubmissionQueue;
import com.acme.payouts.submission.SendWindow;
import com.acme.payouts.submission.SubmissionSteps;
import com.acme.payouts.reconciliation.Reconciler;
import com.acme.payouts.reconciliation.ReconciliationReports;
import com.acme.payouts.reconciliation.ReconciliationScheduler;
import com.acme.payouts.reconciliation.ReconciliationService;
import com.acme.payouts.webhook.WebhookArchive;
import com.acme.payouts.webhook.WebhookAuthenticator;
import com.acme.payouts.webhook.WebhookIntake;
import com.acme.payouts.webhook.WebhookProcessor;
import com.acme.payouts.webhook.WebhookRecovery;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/**
 * Wires the service: domain services, route beans (named as the YAML routes reference them) and
 * adapters. Stores and infrastructure come from the profile-specific configurations.
 */
@Configuration(proxyBeanMethods = false)
public class PayoutsConfiguration {

    /** Millisecond precision: what the stores keep, so a replayed payout equals the stored one. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    ContractValidator contractValidator() throws IOException {
        String spec = new ClassPathResource("openapi/payouts-api.yaml").getContentAsString(StandardCharsets.UTF_8);
        return new ContractValidator(spec);
    }

    // ---- domain ----

    @Bean
    PayoutService payoutService(PayoutStore store, Clock clock, PayoutAudit audit, ApprovalPolicy approvals) {
        return new PayoutService(store, clock, audit, approvals.timeToLive());
    }

    /** Also follows every payout change into its funding reservation (ADR 0006). */
    @Bean
    FundingService fundingService(FundingStore store, PayoutService payouts, PayoutStore payoutStore, Clock clock) {
        FundingService funding = new FundingService(store, payouts, payoutStore, clock);
        payouts.onChange(funding);
        return funding;
    }

    @Bean
    PayoutIntake payoutIntake(PayoutService payouts, PayeeVault vault, ApprovalPolicy approvals, SpendingLimits limits,
            CoolingOffPolicy coolingOff, Clock clock) {
        return new PayoutIntake(payouts, vault, approvals, limits, coolingOff, clock);
    }

    /** Holds payouts to payees still cooling off before their claim, and releases them when it ends. */
    @Bean
    CoolingOff coolingOff(PayoutService payouts, PayoutStore store, PayeeVault vault, CoolingOffPolicy policy, Clock clock) {
        return new CoolingOff(payouts, store, vault, policy, clock);
    }

    // ---- payee vault ----

    @Bean
    MaterialProviders materialProviders() {
        return MaterialProviders.builder()
                .MaterialProvidersConfig(MaterialProvidersConfig.builder().build())
                .build();
    }

    @Bean
    PayeeCipher payeeCipher(KeyEncryptionKeys keys, MaterialProviders materialProviders, ObjectProvider<DataKeyCache> cache) {
        return new EnvelopePayeeCipher(
                keys, materialProviders, new java.security.SecureRandom(), cache.getIfAvailable(DataKeyCache::disabled));
    }

    @Bean
    PayeeBlindIndex payeeBlindIndex(PayoutsSecurityProperties security, PayoutsProperties props, Environment env) {
        boolean aws = Arrays.asList(env.getActiveProfiles()).contains("aws");
        return new PayeeBlindIndex(SecretMaterial.payeeIndexKey(security.payeeIndexKey(), props.dataDir(), !aws));
    }

    @Bean
    BsbDirectory bsbDirectory(MonoovaAdminClient admin) {
        return new MonoovaBsbDirectory(admin);
    }

    @Bean
    PayeeVault payeeVault(PayeeStore store, PayeeCipher cipher, BsbDirectory bsbs, PayeeBlindIndex blindIndex, Clock clock) {
        return new PayeeVault(store, cipher, new PayeeValidator(), new PayeeCodec(), bsbs, blindIndex, clock);
    }

    /** Its own thread, not an Executor bean: one would replace Spring Boot's task executor that Camel needs. */
    @Bean
    PayeeKeyRotation payeeKeyRotation(PayeeStore store, PayeeCipher cipher, KeyEncryptionKeys keys, Clock clock) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "payee-key-rotation");
            t.setDaemon(true);
            return t;
        });
        return new PayeeKeyRotation(store, cipher, keys, thread, clock);
    }

    // ---- Monoova ----

    @Bean
    MonoovaHttp monoovaHttp(MonoovaCredentials credentials, PayoutMetrics metrics) {
        return new MonoovaHttp(credentials::apiKey, metrics::monoovaCall);
    }

    @Bean
    MonoovaClassifier monoovaClassifier(ObjectMapper json, MonoovaProperties monoova) {
        return new MonoovaClassifier(json, new HashSet<>(monoova.duplicateReferenceCodes()),
                new HashSet<>(monoova.statusNotFoundCodes()), new HashSet<>(monoova.insufficientFundsCodes()));
    }

    @Bean
    MonoovaRequestMapper monoovaRequestMapper(MonoovaProperties monoova) {
        return new MonoovaRequestMapper(monoova.mAccount(), monoova.remitterName());
    }

    @Bean
    MonoovaAdminClient monoovaAdminClient(ProducerTemplate template, MonoovaHttp http, ObjectMapper json, MonoovaProperties monoova) {
        return new MonoovaAdminClient(
                template, http, json, monoova.baseUrl(), monoova.connectTimeoutMs(), monoova.responseTimeoutMs());
    }

    @Bean
    MonoovaPublicKeys monoovaPublicKeys(MonoovaAdminClient admin, Clock clock, MonoovaProperties monoova) {
        return new MonoovaPublicKeys(admin::publicKeyHex, monoova.webhookPublicKeys(), clock, monoova.publicKeyCacheTtl());
    }

    @Bean(destroyMethod = "close")
    SubscriptionBootstrap subscriptionBootstrap(
            MonoovaAdminClient admin,
            MonoovaProperties monoova,
            MonoovaCredentials credentials,
            PayoutsProperties props,
            WebServerApplicationContext web) {
        return new SubscriptionBootstrap(
                admin, monoova.webhookEvents(), () -> publicBaseUrl(props, web), credentials::webhookToken);
    }

    private static String publicBaseUrl(PayoutsProperties props, WebServerApplicationContext web) {
        return StringUtils.hasText(props.publicBaseUrl())
                ? props.publicBaseUrl().replaceAll("/+$", "")
                : "http://localhost:" + web.getWebServer().getPort();
    }

    @Bean
    WebhookRecovery webhookRecovery(MonoovaAdminClient admin, WebhookReceiptStore receipts, PayoutsProperties props,
            WebServerApplicationContext web, Clock clock) {
        var r = props.webhookRecovery();
        return new WebhookRecovery(admin, receipts, () -> publicBaseUrl(props, web) + "/webhooks/monoova", clock,
                r.maxResends(), r.lookbackDays(), Duration.ofMillis(r.periodMs() * 5));
    }

    @EventListener(ApplicationReadyEvent.class)
    void subscribeToWebhooks(ApplicationReadyEvent ready) {
        MonoovaProperties monoova = ready.getApplicationContext().getBean(MonoovaProperties.class);
        if (monoova.bootstrapSubscriptions()) {
            ready.getApplicationContext().getBean(SubscriptionBootstrap.class).startInBackground();
        }
    }

    // ---- route beans ----

    @Bean(destroyMethod = "close")
    PayoutMetrics payoutMetrics(
            MeterRegistry registry, PayoutStore store, SqsClient sqs, PayoutsProperties props, Clock clock, PayoutService payouts) {
        var q = props.queues();
        Map<String, String> urls = new ConcurrentHashMap<>();
        PayoutMetrics metrics = new PayoutMetrics(registry, store,
                List.of(q.payoutRequestsDlq(), q.payoutSubmissionsDlq(), q.webhooksDlq()),
                name -> Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(urls.computeIfAbsent(
                                        name, n -> sqs.getQueueUrl(r -> r.queueName(n)).queueUrl()))
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                clock);
        payouts.onChange(metrics);
        metrics.start(props.metricsRefresh());
        return metrics;
    }

    @Bean
    ProblemResponses problemResponses(ObjectMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    ApiResponses apiResponses(ObjectMapper json) {
        return new ApiResponses(json);
    }

    @Bean
    PayeeApi payeeApi(PayeeVault vault, PayeeKeyRotation rotation, ApiResponses responses, ObjectMapper json, AuditLog audit) {
        return new PayeeApi(vault, rotation, responses, json, audit);
    }

    @Bean
    PayoutApi payoutApi(PayoutIntake intake, PayoutService payouts, PayoutStore store, ApiResponses responses, ObjectMapper json) {
        return new PayoutApi(intake, payouts, store, responses, json);
    }

    /** {@code POST /verify/v2/aba/initiate}: a paid call, with its own response timeout. */
    @Bean
    MonoovaNameCheck monoovaNameCheck(ProducerTemplate template, MonoovaHttp http, ObjectMapper json, MonoovaProperties monoova) {
        return new MonoovaNameCheck(template, http, json, monoova.baseUrl(), monoova.connectTimeoutMs(),
                monoova.nameCheckTimeoutMs(), monoova.remitterName(), new HashSet<>(monoova.payIdNotFoundCodes()));
    }

    /** Name checks run only for customers that enabled them ({@code payouts.controls.customers.<id>.name-check}). */
    @Bean
    NameCheckService nameCheckService(PayeeVault vault, MonoovaNameCheck owners, NameCheckStore store,
            MoneyControlsProperties controls, Clock clock) {
        Map<String, MoneyControlsProperties.CustomerLimits> customers = controls.customers() == null ? Map.of() : controls.customers();
        return new NameCheckService(vault, owners, store,
                customerId -> customers.containsKey(customerId) && Boolean.TRUE.equals(customers.get(customerId).nameCheck()),
                clock);
    }

    @Bean
    NameCheckApi nameCheckApi(PayeeVault vault, NameCheckService checks, ApiResponses responses, AuditLog audit) {
        return new NameCheckApi(vault, checks, responses, audit);
    }

    @Bean
    PayoutRequestConsumer payoutRequestConsumer(
            ContractValidator contract, PayoutIntake intake, ObjectMapper json, PayoutsSecurityProperties security) {
        // Trusted by queue policy (only the upstream systems may send), still validated, and
        // attributed to this configured source: its limits and audit entries carry this name.
        return new PayoutRequestConsumer(contract, intake, json, security.queueSourceName());
    }

    @Bean
    OutcomeRecorder outcomeRecorder(PayoutService payouts) {
        return new OutcomeRecorder(payouts);
    }

    @Bean
    SubmissionSteps submissionSteps(
            PayoutService payouts,
            PayeeVault vault,
            MonoovaRequestMapper mapper,
            MonoovaClassifier classifier,
            OutcomeRecorder recorder,
            ObjectMapper json,
            MonoovaHttp http,
            SendWindow sendWindow,
            Clock clock) {
        return new SubmissionSteps(payouts, vault, mapper, classifier, recorder, json, http, sendWindow, clock);
    }

    /** Refuses to start when the sweeper could look at a SUBMITTING payout before its call has ended. */
    @Bean
    SendWindow sendWindow(PayoutsProperties props, MonoovaProperties monoova) {
        return new SendWindow(props.sweeper().submittingStaleAfter(),
                SendWindow.callBudget(monoova.connectTimeoutMs(), monoova.responseTimeoutMs()));
    }

    @Bean
    PayeeLookup payeeLookup(PayeeStore store) {
        return new PayeeLookup(store);
    }

    @Bean
    FundingMonitor fundingMonitor(FundingService funding, MonoovaAdminClient admin, MonoovaProperties monoova,
            PayoutsProperties props, Clock clock) {
        return new FundingMonitor(funding, admin, monoova.mAccount(), props.funding().monoovaCheckEvery(), clock);
    }

    @Bean
    FundingSteps fundingSteps(FundingService funding, FundingMonitor monitor, ObjectMapper json, PayoutsProperties props) {
        return new FundingSteps(funding, monitor, json, props.funding().releaseBatch());
    }

    /** Opens the funding balance from Monoova as soon as the service is up (the monitor retries if it can't). */
    @EventListener(ApplicationReadyEvent.class)
    void openFundingBalance(ApplicationReadyEvent ready) {
        FundingMonitor monitor = ready.getApplicationContext().getBean(FundingMonitor.class);
        Thread opener = new Thread(monitor::initialise, "funding-balance-open");
        opener.setDaemon(true);
        opener.start();
    }

    @Bean
    CoolingOffSteps coolingOffSteps(CoolingOff coolingOff, ObjectMapper json) {
        return new CoolingOffSteps(coolingOff, json, 100);
    }

    @Bean
    SubmissionQueue submissionQueue(SubmissionSteps steps, PayoutService payouts) {
        return new SubmissionQueue(steps, payouts);
    }

    @Bean
    ResolutionSteps resolutionSteps(
            PayoutService payouts, MonoovaHttp http, MonoovaClassifier classifier, OutcomeRecorder recorder) {
        return new ResolutionSteps(payouts, http, classifier, recorder);
    }

    @Bean
    PayoutSweeper payoutSweeper(PayoutStore store, PayoutService payouts, Clock clock, PayoutsProperties props) {
        var s = props.sweeper();
        return new PayoutSweeper(
                store, payouts, clock, s.staleAfter(), s.submittingStaleAfter(), s.receivedStaleAfter(), s.batchSize());
    }

    @Bean
    WebhookAuthenticator webhookAuthenticator(MonoovaCredentials credentials, MonoovaPublicKeys keys) {
        return new WebhookAuthenticator(credentials::webhookToken, keys);
    }

    @Bean
    WebhookIntake webhookIntake(
            WebhookAuthenticator authenticator, ObjectMapper json, Clock clock, MeterRegistry meters, WebhookArchive archive) {
        return new WebhookIntake(authenticator, json, clock, meters, archive);
    }

    @Bean
    WebhookProcessor webhookProcessor(
            PayoutService payouts, WebhookReceiptStore receipts, ObjectMapper json, FundingService funding, Clock clock) {
        return new WebhookProcessor(payouts, receipts, json, funding, clock);
    }

    @Bean
    DeadLetters deadLetters(Clock clock) {
        return new DeadLetters(clock);
    }

    // ---- operations: balance, dead letters, reconciliation, subscriptions ----

    @Bean
    BalanceApi balanceApi(FundingService funding, ApiResponses responses) {
        return new BalanceApi(funding, responses);
    }

    @Bean
    DeadLetterOperations deadLetterOperations(SqsClient sqs, PayoutsProperties props, RedriveAuditStore audit, Clock clock) {
        var q = props.queues();
        return new DeadLetterOperations(sqs, Map.of(
                        "payout-requests", new DeadLetterOperations.Flow(q.payoutRequests(), q.payoutRequestsDlq()),
                        "payout-submissions", new DeadLetterOperations.Flow(q.payoutSubmissions(), q.payoutSubmissionsDlq()),
                        "monoova-webhooks", new DeadLetterOperations.Flow(q.webhooks(), q.webhooksDlq())),
                audit, clock);
    }

    @Bean
    DeadLetterApi deadLetterApi(
            DeadLetterOperations operations, RedriveAuditStore audit, ApiResponses responses, AuditLog auditLog) {
        return new DeadLetterApi(operations, audit, responses, auditLog);
    }

    @Bean
    OperationsApi operationsApi(SubscriptionBootstrap subscriptions, ApiResponses responses) {
        return new OperationsApi(subscriptions, responses);
    }

    @Bean
    ReconciliationService reconciliationService(MonoovaAdminClient admin, FundingMonitor monitor, PayoutStore payoutStore,
            PayoutService payouts, FundingStore fundingStore, FundingService funding, ReconciliationReports reports,
            ObjectMapper json, PayoutsProperties props, Clock clock) {
        var r = props.reconciliation();
        return new ReconciliationService(admin, monitor::availableToDebit, payoutStore, payouts, fundingStore, funding,
                new Reconciler(r.stuckUnknownAfter(), r.settleGrace()), reports, json, clock);
    }

    @Bean
    ReconciliationScheduler reconciliationScheduler(ReconciliationService reconciliation, PayoutsProperties props, Clock clock) {
        return new ReconciliationScheduler(reconciliation, clock, props.reconciliation().dailyAt());
    }

    @Bean
    ReconciliationApi reconciliationApi(ReconciliationService reconciliation, ReconciliationReports reports,
            ApiResponses responses, ObjectMapper json) {
        return new ReconciliationApi(reconciliation, reports, responses, json);
    }

    @Bean
    StoreIdempotentRepository submittedPayouts(ProcessedMessageStore store) {
        return new StoreIdempotentRepository(store, "payout-submit");
    }

    @Bean
    StoreIdempotentRepository processedWebhooks(ProcessedMessageStore store) {
        return new StoreIdempotentRepository(store, "webhook-processing");
    }

}
