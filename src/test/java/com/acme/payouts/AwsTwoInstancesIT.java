package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.config.PayoutsProperties;
import com.acme.payouts.messaging.EmbeddedSqsServer;
import com.acme.payouts.sandbox.MonoovaSandbox;
import com.acme.payouts.sandbox.SandboxConfig;
import com.acme.payouts.store.dynamodb.DynamoTables;
import com.acme.payouts.support.AppProcess;
import com.acme.payouts.support.MotoServer;
import com.acme.payouts.support.PayoutsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The {@code aws} profile for real: two application instances (child JVMs) on the same DynamoDB
 * tables (moto), the same queues, KMS (moto) for payee keys and Secrets Manager (moto) for the
 * Monoova credentials, paying 500 payouts through one Monoova sandbox. Every uniqueReference must be
 * executed exactly once and every payout must end COMPLETED. SQS is ElasticMQ here (the queue server
 * the embedded default uses), reached through the same SDK client and endpoints as SQS.
 */
class AwsTwoInstancesIT {

    private static final int PAYOUTS = 500;

    private static MonoovaSandbox sandbox;
    private static EmbeddedSqsServer sqs;
    private static final List<AppProcess> apps = new ArrayList<>();

    @BeforeAll
    static void start() {
        MotoServer moto = MotoServer.shared();
        String prefix = "it" + UUID.randomUUID().toString().substring(0, 8) + "-";
        new DynamoTables(prefix).createAll(moto.dynamo());
        String keyArn;
        try (KmsClient kms = KmsClient.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(moto.credentials()).build()) {
            keyArn = kms.createKey(b -> b.description("payee data keys")).keyMetadata().arn();
        }
        String bucket = prefix + "archive";
        try (S3Client s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(moto.credentials()).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(MotoServer.REGION)));
        }
        sandbox = MonoovaSandbox.start(SandboxConfig.builder()
                .nppCompletionDelay(Duration.ofMillis(200))
                .webhookRetryPause(Duration.ofSeconds(1))
                .build());
        String token = "Bearer " + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes());
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(moto.endpoint())
                .region(Region.of(MotoServer.REGION)).credentialsProvider(moto.credentials()).build()) {
            secrets.createSecret(b -> b.name(prefix + "monoova/api-key").secretString(sandbox.apiKey()));
            secrets.createSecret(b -> b.name(prefix + "monoova/webhook-token").secretString(token));
        }
        String pepper = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes());
        String payeeIndexKey = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes());
        Path runDir = AppProcess.buildDir().resolve("aws-two-instances").resolve(prefix);
        int sqsPort = AppProcess.freePort();
        sqs = EmbeddedSqsServer.start(sqsPort, runDir.resolve("sqs"), new PayoutsProperties.Queues(
                "payout-requests", "payout-requests-dlq", "payout-submissions", "payout-submissions-dlq",
                "monoova-webhooks", "monoova-webhooks-dlq", 5, 120), MotoServer.REGION);
        for (String name : List.of("a", "b")) {
            apps.add(AppProcess.builder(runDir.resolve(name), runDir.resolve(name))
                    .env("AWS_REGION", MotoServer.REGION)
                    .env("AWS_ENDPOINT_URL", moto.endpoint().toString())
                    .env("AWS_ACCESS_KEY_ID", "testing")
                    .env("AWS_SECRET_ACCESS_KEY", "testing")
                    .env("PAYOUTS_TABLE_PREFIX", prefix)
                    .env("PAYOUTS_KMS_KEY_ID", keyArn)
                    .env("PAYOUTS_ARCHIVE_BUCKET", bucket)
                    // moto 5.2 does not speak the CBOR protocol SDK 2.41 uses for CloudWatch (404)
                    .env("PAYOUTS_CLOUDWATCH_METRICS", "false")
                    .env("MONOOVA_API_KEY_SECRET", prefix + "monoova/api-key")
                    .env("MONOOVA_WEBHOOK_TOKEN_SECRET", prefix + "monoova/webhook-token")
                    .env("MONOOVA_BASE_URL", sandbox.baseUri().toString())
                    // In AWS the task gets it from Secrets Manager; every instance must share it.
                    .env("PAYOUTS_API_KEY_PEPPER", pepper)
                    .env("PAYOUTS_PAYEE_INDEX_KEY", payeeIndexKey)
                    .jvmArg("-Xmx512m")
                    .jvmArg("-XX:+UseSerialGC")
                    .jvmArg("-XX:TieredStopAtLevel=1")
                    .appArg("--spring.profiles.active=aws,test")
                    .appArg("--payouts.sqs.endpoint=http://localhost:" + sqsPort)
                    // Two JVMs and moto on two cores: a claim can wait seconds for its payee's KMS
                    // unwrap. A send window of 25 s keeps such slow workers sending, not the sweeper.
                    .appArg("--payouts.sweeper.submitting-stale-after=30s")
                    // Production-like polling: at the test profile's 500 ms, the two instances'
                    // sweepers, funding monitors, approval-expiry and cooling-off timers were most of
                    // what moto (DynamoDB serialised, MOTO_STATS_FILE counts it) had to answer.
                    .appArg("--payouts.sweeper.period-ms=3000")
                    .appArg("--payouts.funding.monitor-period-ms=3000")
                    .appArg("--payouts.controls.approval-expiry-period-ms=5000")
                    .appArg("--payouts.controls.cooling-off.release-period-ms=10000")
                    // the production interval: each comparison reads every in-flight payout
                    .appArg("--payouts.funding.monoova-check-every=60s")
                    .build()
                    .start());
        }
        apps.forEach(app -> app.awaitHealthy(Duration.ofSeconds(180)));
    }

    @AfterAll
    static void stop() {
        apps.forEach(AppProcess::close);
        if (sqs != null) {
            sqs.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void two_instances_pay_500_payouts_each_reference_executed_once() throws Exception {
        PayoutsClient a = new PayoutsClient(apps.get(0).baseUrl());
        PayoutsClient b = new PayoutsClient(apps.get(1).baseUrl());
        List<String> payees = List.of(
                a.createBankPayee("c-aws-1", "Jane Citizen", "062-000", "12345678").id(),
                b.createBankPayee("c-aws-2", "John Citizen", "083-004", "987654321").id(),
                a.createPayIdPayee("c-aws-3", "Ann Example", "Email", "ann@example.com").id(),
                b.createPayIdPayee("c-aws-4", "Bob Example", "PhoneNumber", "0412345678").id());
        BigDecimal before = sandbox.availableToDebit();

        ExecutorService clients = Executors.newFixedThreadPool(6);
        Map<String, BigDecimal> created = new ConcurrentHashMap<>();
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < PAYOUTS; i++) {
            int n = i;
            sends.add(clients.submit(() -> {
                PayoutsClient client = n % 2 == 0 ? a : b;
                String amount = (1 + n % 97) + "." + String.format("%02d", n % 100);
                PayoutsClient.Reply r = client.createPayout("aws-two-" + n, payees.get(n % payees.size()), amount, "NPP", "Inv " + n);
                assertThat(r.status()).as(r.raw()).isEqualTo(202);
                created.put(r.id(), new BigDecimal(amount));
            }));
        }
        for (Future<?> f : sends) {
            f.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        assertThat(created).hasSize(PAYOUTS);

        // Wait on the sandbox first (in this JVM, free to ask), then read each payout once: polling 500
        // payouts over HTTP would mostly measure the emulator.
        Awaitility.await("Monoova settled every payout").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sandbox.transactions().stream().filter(t -> t.status().wireValue().equals("Complete")).count()
                        >= PAYOUTS);
        Map<String, JsonNode> settled = new ConcurrentHashMap<>();
        Awaitility.await("every payout COMPLETED").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            for (String id : created.keySet()) {
                if (!settled.containsKey(id)) {
                    JsonNode p = (id.hashCode() % 2 == 0 ? a : b).payout(id);
                    if (PayoutsClient.SETTLED.contains(p.path("status").asText())) {
                        settled.put(id, p);
                    }
                }
            }
            return settled.size() == PAYOUTS;
        });

        BigDecimal paid = BigDecimal.ZERO;
        for (Map.Entry<String, JsonNode> e : settled.entrySet()) {
            JsonNode p = e.getValue();
            assertThat(p.path("status").asText()).as(e.getKey()).isEqualTo("COMPLETED");
            assertThat(sandbox.executeCalls(p.path("monoovaReference").asText())).as(e.getKey()).isEqualTo(1);
            paid = paid.add(created.get(e.getKey()));
        }
        assertThat(sandbox.transactions()).hasSize(PAYOUTS);
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo(paid);
        // Both instances really worked: each submitted some payouts itself.
        for (AppProcess app : apps) {
            assertThat(String.join("\n", app.tail(100000).lines().filter(l -> l.contains("SUBMITTING -> SUBMITTED")).toList()))
                    .as("instance on port %d submitted payouts", app.port())
                    .isNotEmpty();
        }
    }
}
