package com.acme.payouts.infrastructure;

import static com.acme.payouts.infrastructure.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.support.AppProcess;
import com.acme.payouts.support.MotoServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the stack from {@code infrastructure/monoova-payouts.yaml} in moto's CloudFormation and
 * checks that what it created is what the application needs: the tables of the DynamoDB store
 * adapters with their keys and indexes, the queues of application.yaml with working redrive to their
 * dead-letter queues, a rotating KMS key that wraps payee data keys, the encrypted archive bucket, a
 * task role naming exactly those resources, and a task definition whose environment resolves to them.
 *
 * <p>moto models only part of CloudFormation. Resource types it skips are listed in the output;
 * of those, the application needs only the two secrets, which this test creates (empty of real
 * values, encrypted with the stack's key). Properties moto accepts but ignores are reported too;
 * {@code CloudFormationTemplateTest} and cfn-lint hold the template to them.
 */
class InfrastructureStackIT {

    /** Resource types moto's CloudFormation does not model (it logs "No Moto CloudFormation support"). */
    private static final Set<String> MOTO_SKIPS = Set.of("AWS::SecretsManager::Secret", "AWS::SQS::QueuePolicy",
            "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy", "AWS::EC2::SecurityGroupEgress",
            "AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy",
            "AWS::CloudWatch::Alarm");

    /** Stand-in for the VPC the template expects as parameters: two private and two public subnets. */
    private static final String NETWORK = """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.42.0.0/16}}
              PrivateA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.42.0.0/24, AvailabilityZone: ap-southeast-2a}}
              PrivateB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.42.1.0/24, AvailabilityZone: ap-southeast-2b}}
              PublicA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.42.2.0/24, AvailabilityZone: ap-southeast-2a}}
              PublicB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.42.3.0/24, AvailabilityZone: ap-southeast-2b}}
            Outputs:
              VpcId: {Value: !Ref Vpc}
              PrivateSubnetIds: {Value: !Join [",", [!Ref PrivateA, !Ref PrivateB]]}
              PublicSubnetIds: {Value: !Join [",", [!Ref PublicA, !Ref PublicB]]}
            """;

    private static MotoServer moto;
    private static MotoApi api;
    private static CloudFormationTemplate template;
    private static String stackName;
    private static String prefix;
    private static Map<String, String> parameters;
    private static Map<String, String> outputs;
    /** Logical id to physical id of every resource moto created. */
    private static Map<String, String> created;
    private static Map<String, String> pseudo;

    @BeforeAll
    static void createTheStack() {
        moto = MotoServer.shared();
        api = new MotoApi(moto.endpoint());
        template = CloudFormationTemplate.main();
        String run = UUID.randomUUID().toString().substring(0, 6);
        stackName = "payouts-it-" + run;
        prefix = "it-" + run + "-";

        Instant start = Instant.now();
        Map<String, String> network = createStack("payouts-it-net-" + run, NETWORK, Map.of());
        String certificate = api.json("acm", "CertificateManager.RequestCertificate",
                Map.of("DomainName", "webhooks.example.com")).path("CertificateArn").asText();
        parameters = new LinkedHashMap<>();
        parameters.put("ContainerImage", "123456789012.dkr.ecr.ap-southeast-2.amazonaws.com/monoova-payouts:it");
        parameters.put("MonoovaMAccount", "6279059700000001");
        parameters.put("PublicBaseUrl", "https://webhooks.example.com");
        parameters.put("VpcId", network.get("VpcId"));
        parameters.put("PrivateSubnetIds", network.get("PrivateSubnetIds"));
        parameters.put("PublicSubnetIds", network.get("PublicSubnetIds"));
        parameters.put("PublicCertificateArn", certificate);
        parameters.put("TablePrefix", prefix);
        parameters.put("QueuePrefix", prefix);
        outputs = createStack(stackName, template.body(), parameters);
        created = resources(stackName);
        System.out.printf("[stack] %s created in moto in %d ms: %d resources%n", stackName,
                Duration.between(start, Instant.now()).toMillis(), created.size());

        String account = outputs.get("KmsKeyArn").split(":")[4];
        pseudo = new LinkedHashMap<>(parameters);
        pseudo.putAll(Map.of("AWS::Partition", "aws", "AWS::Region", MotoServer.REGION, "AWS::AccountId", account,
                "AWS::StackName", stackName));
        reportSkippedResources();
        repairKeyPolicy();
        createSecretsMotoSkipped();
    }

    @Test
    void the_tables_are_those_of_the_dynamodb_store_adapters() {
        ExpectedTables expected = ExpectedTables.of(prefix);
        assertThat(physicalIds("AWS::DynamoDB::Table")).containsExactlyInAnyOrderElementsOf(expected.names());
        try (DynamoDbClient dynamo = moto.dynamo()) {
            for (ExpectedTables.Table table : expected.byName().values()) {
                TableDescription t = dynamo.describeTable(b -> b.tableName(table.name())).table();
                Map<String, String> indexes = new TreeMap<>();
                t.globalSecondaryIndexes().forEach(g -> indexes.put(g.indexName(),
                        ExpectedTables.index(ExpectedTables.keys(g.keySchema()), g.projection().projectionTypeAsString())));
                String ttl = "ENABLED".equals(dynamo.describeTimeToLive(b -> b.tableName(table.name()))
                        .timeToLiveDescription().timeToLiveStatusAsString()) ? table.ttlAttribute() : null;
                ExpectedTables.Table actual = new ExpectedTables.Table(t.tableName(),
                        t.billingModeSummary().billingModeAsString(), ExpectedTables.keys(t.keySchema()),
                        t.attributeDefinitions().stream().collect(Collectors.toMap(AttributeDefinition::attributeName,
                                AttributeDefinition::attributeTypeAsString, (a, b) -> a, TreeMap::new)),
                        indexes, ttl);
                if (table.ttlAttribute() != null && ttl == null) {
                    System.out.printf("[stack] moto ignored TimeToLiveSpecification of %s (checked in the template)%n", t.tableName());
                    actual = new ExpectedTables.Table(actual.name(), actual.billingMode(), actual.keys(), actual.attributes(),
                            actual.indexes(), table.ttlAttribute());
                }
                assertThat(actual).isEqualTo(table);
                assertThat(t.deletionProtectionEnabled()).as(t.tableName()).isTrue();
                reportIgnored(t.sseDescription() != null && outputs.get("KmsKeyArn").equals(t.sseDescription().kmsMasterKeyArn()),
                        "SSESpecification (KMS key) of " + t.tableName());
                reportIgnored("ENABLED".equals(dynamo.describeContinuousBackups(b -> b.tableName(table.name()))
                                .continuousBackupsDescription().pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()),
                        "PointInTimeRecoverySpecification of " + t.tableName());
            }
        }
    }

    @Test
    void every_queue_redrives_to_its_own_dead_letter_queue_after_the_configured_receives() {
        try (SqsClient sqs = moto.client(SqsClient.builder())) {
            ApplicationYaml.queuesAndDeadLetterQueues().forEach((name, dlqName) -> {
                Map<QueueAttributeName, String> q = attributes(sqs, prefix + name);
                Map<QueueAttributeName, String> dlq = attributes(sqs, prefix + dlqName);
                assertThat(q.get(QueueAttributeName.VISIBILITY_TIMEOUT)).as(name)
                        .isEqualTo(String.valueOf(ApplicationYaml.visibilityTimeoutSeconds()));
                JsonNode redrive = readJson(q.get(QueueAttributeName.REDRIVE_POLICY));
                assertThat(redrive.path("deadLetterTargetArn").asText()).as(name).isEqualTo(dlq.get(QueueAttributeName.QUEUE_ARN));
                assertThat(redrive.path("maxReceiveCount").asInt()).as(name).isEqualTo(ApplicationYaml.maxReceiveCount());
                assertThat(q.get(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).as(name).isEqualTo("true");
                assertThat(dlq.get(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).as(dlqName).isEqualTo("true");
            });
            assertThat(physicalIds("AWS::SQS::Queue")).hasSize(2 * ApplicationYaml.queuesAndDeadLetterQueues().size());

            // a message that keeps failing ends up in the dead-letter queue, not lost and not retried forever
            String queue = sqs.getQueueUrl(b -> b.queueName(prefix + "payout-submissions")).queueUrl();
            String dlq = sqs.getQueueUrl(b -> b.queueName(prefix + "payout-submissions-dlq")).queueUrl();
            String body = "{\"payoutId\":\"po_it_redrive\",\"attempt\":1}";
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
            int receives = 0;
            while (receives < 3 * ApplicationYaml.maxReceiveCount()
                    && !sqs.receiveMessage(b -> b.queueUrl(queue).visibilityTimeout(0).waitTimeSeconds(1)).messages().isEmpty()) {
                receives++;
            }
            List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(2)).messages();
            assertThat(dead).extracting(Message::body).containsExactly(body);
            assertThat(receives).as("received before the redrive").isEqualTo(ApplicationYaml.maxReceiveCount());
        }
    }

    @Test
    void the_key_rotates_and_wraps_payee_data_keys_bound_to_the_payee() {
        String keyArn = outputs.get("KmsKeyArn");
        try (KmsClient kms = moto.client(KmsClient.builder())) {
            KeyMetadata key = kms.describeKey(b -> b.keyId(keyArn)).keyMetadata();
            assertThat(key.arn()).isEqualTo(keyArn);
            assertThat(key.keyManagerAsString()).isEqualTo("CUSTOMER");
            assertThat(key.keyUsageAsString()).isEqualTo("ENCRYPT_DECRYPT");
            assertThat(key.enabled()).isTrue();
            assertThat(kms.getKeyRotationStatus(b -> b.keyId(keyArn)).keyRotationEnabled()).isTrue();
            assertThat(kms.listAliases(b -> b.keyId(keyArn)).aliases()).anySatisfy(a -> assertThat(a.aliasName())
                    .isEqualTo(outputs.get("KmsKeyAlias")));

            Map<String, String> payee = Map.of("payeeId", "pe_it_1");
            GenerateDataKeyResponse dataKey = kms.generateDataKey(b -> b.keyId(keyArn).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(payee));
            SdkBytes unwrapped = kms.decrypt(b -> b.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(payee)).plaintext();
            assertThat(unwrapped.asByteArray()).isEqualTo(dataKey.plaintext().asByteArray());
            assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(dataKey.ciphertextBlob())
                    .encryptionContext(Map.of("payeeId", "pe_it_2"))))
                    .as("a data key opens only for its own payee").isInstanceOf(KmsException.class);
        }
    }

    @Test
    void the_archive_bucket_is_encrypted_with_the_key_and_takes_webhook_bodies() {
        String bucket = outputs.get("ArchiveBucketName");
        try (S3Client s3 = moto.client(S3Client.builder().forcePathStyle(true))) {
            ServerSideEncryptionRule rule = s3.getBucketEncryption(b -> b.bucket(bucket))
                    .serverSideEncryptionConfiguration().rules().get(0);
            assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("aws:kms");
            assertThat(rule.applyServerSideEncryptionByDefault().kmsMasterKeyID()).isEqualTo(outputs.get("KmsKeyArn"));
            reportIgnored("Enabled".equals(s3.getBucketVersioning(b -> b.bucket(bucket)).statusAsString()),
                    "VersioningConfiguration of the archive bucket");
            boolean blocked;
            try {
                blocked = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration().restrictPublicBuckets();
            } catch (software.amazon.awssdk.services.s3.model.S3Exception none) {
                blocked = false;
            }
            reportIgnored(blocked, "PublicAccessBlockConfiguration of the archive bucket");

            String key = "webhooks/2026/11/26/wh_it.json";
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("{\"raw\":\"body\"}"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo("{\"raw\":\"body\"}");
        }
    }

    @Test
    void the_task_role_names_exactly_the_created_tables_queues_key_secrets_and_bucket() {
        String role = created.get("TaskRole");
        JsonNode policy;
        try (IamClient iam = moto.client(IamClient.builder())) {
            assertThat(iam.listRolePolicies(b -> b.roleName(role)).policyNames()).containsExactly("payouts-data");
            String document = URLDecoder.decode(iam.getRolePolicy(b -> b.roleName(role).policyName("payouts-data"))
                    .policyDocument(), StandardCharsets.UTF_8);
            if (document.startsWith("{'")) {
                System.out.println("[stack] moto returns a CloudFormation inline policy as a Python literal: read leniently");
            }
            policy = readLenientJson(document);
        }
        Map<String, List<String>> resources = new TreeMap<>();
        for (JsonNode s : policy.path("Statement")) {
            List<String> r = new ArrayList<>();
            (s.path("Resource").isArray() ? s.path("Resource") : List.of(s.path("Resource"))).forEach(n -> r.add(n.asText()));
            resources.put(s.path("Sid").asText(), r);
            s.path("Action").forEach(a -> assertThat(a.asText()).doesNotContain("*"));
        }

        List<String> tables = new ArrayList<>();
        try (DynamoDbClient dynamo = moto.dynamo()) {
            for (String table : ExpectedTables.of(prefix).names()) {
                TableDescription t = dynamo.describeTable(b -> b.tableName(table)).table();
                tables.add(t.tableArn());
                if (t.hasGlobalSecondaryIndexes() && !t.globalSecondaryIndexes().isEmpty()) {
                    tables.add(t.tableArn() + "/index/*");
                }
            }
        }
        List<String> granted = new ArrayList<>();
        resources.forEach((sid, r) -> {
            if (sid.startsWith("Table")) {
                granted.addAll(r);
            }
        });
        assertThat(granted).as("the table statements name each table (and its indexes) once")
                .containsExactlyInAnyOrderElementsOf(tables);

        List<String> queues = new ArrayList<>();
        try (SqsClient sqs = moto.client(SqsClient.builder())) {
            ApplicationYaml.queuesAndDeadLetterQueues().forEach((q, dlq) -> {
                queues.add(attributes(sqs, prefix + q).get(QueueAttributeName.QUEUE_ARN));
                queues.add(attributes(sqs, prefix + dlq).get(QueueAttributeName.QUEUE_ARN));
            });
        }
        assertThat(resources.get("SqsQueues")).containsExactlyInAnyOrderElementsOf(queues);
        assertThat(resources.get("KmsPayoutsKey")).containsExactly(outputs.get("KmsKeyArn"));
        String bucketArn = "arn:aws:s3:::" + outputs.get("ArchiveBucketName");
        assertThat(resources.get("ArchiveWrite")).containsExactly(bucketArn + "/webhooks/*", bucketArn + "/reconciliation/*");
        assertThat(resources.get("ArchiveRead")).containsExactly(bucketArn + "/webhooks/*", bucketArn + "/reconciliation/*");
        assertThat(resources.get("ArchiveListing")).containsExactly(bucketArn);
        try (SecretsManagerClient secrets = moto.client(SecretsManagerClient.builder())) {
            for (String name : List.of(outputs.get("MonoovaApiKeySecretName"), outputs.get("MonoovaWebhookTokenSecretName"))) {
                String arn = secrets.describeSecret(b -> b.secretId(name)).arn();
                assertThat(resources.get("MonoovaSecrets")).as(name)
                        .anySatisfy(pattern -> assertThat(arn).matches(pattern.replace("?", "[A-Za-z0-9]")));
            }
        }
    }

    @Test
    void the_task_definition_environment_resolves_to_the_created_resources() {
        JsonNode task = api.json("ecs", "AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition",
                Map.of("taskDefinition", created.get("TaskDefinition"))).path("taskDefinition");
        JsonNode container = task.path("containerDefinitions").path(0);
        Map<String, String> env = new TreeMap<>();
        container.path("environment").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        System.out.println("[stack] the container's environment: " + env);

        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "aws")
                .containsEntry("AWS_REGION", MotoServer.REGION)
                .containsEntry("SERVER_PORT", "8080")
                .containsEntry("PAYOUTS_TABLE_PREFIX", prefix)
                .containsEntry("PAYOUTS_QUEUE_PREFIX", prefix)
                .containsEntry("PAYOUTS_KMS_KEY_ID", outputs.get("KmsKeyArn"))
                .containsEntry("PAYOUTS_ARCHIVE_BUCKET", outputs.get("ArchiveBucketName"))
                .containsEntry("PAYOUTS_METRICS_NAMESPACE", "MonoovaPayouts")
                .containsEntry("PAYOUTS_PUBLIC_BASE_URL", "https://webhooks.example.com")
                .containsEntry("MONOOVA_BASE_URL", "https://api.m-pay.com.au")
                .containsEntry("MONOOVA_MACCOUNT", "6279059700000001")
                .containsEntry("MONOOVA_API_KEY_SECRET", stackName + "/monoova/api-key")
                .containsEntry("MONOOVA_WEBHOOK_TOKEN_SECRET", stackName + "/monoova/webhook-token");
        try (DynamoDbClient dynamo = moto.dynamo(); SqsClient sqs = moto.client(SqsClient.builder());
                SecretsManagerClient secrets = moto.client(SecretsManagerClient.builder());
                S3Client s3 = moto.client(S3Client.builder().forcePathStyle(true))) {
            ExpectedTables.of(env.get("PAYOUTS_TABLE_PREFIX")).names()
                    .forEach(t -> dynamo.describeTable(b -> b.tableName(t)));
            ApplicationYaml.queuesAndDeadLetterQueues().forEach((q, dlq) -> {
                sqs.getQueueUrl(b -> b.queueName(env.get("PAYOUTS_QUEUE_PREFIX") + q));
                sqs.getQueueUrl(b -> b.queueName(env.get("PAYOUTS_QUEUE_PREFIX") + dlq));
            });
            assertThat(secrets.getSecretValue(b -> b.secretId(env.get("MONOOVA_API_KEY_SECRET"))).secretString()).isNotBlank();
            assertThat(secrets.getSecretValue(b -> b.secretId(env.get("MONOOVA_WEBHOOK_TOKEN_SECRET"))).secretString()).isNotBlank();
            s3.headBucket(b -> b.bucket(env.get("PAYOUTS_ARCHIVE_BUCKET")));
        }
        System.out.println("[stack] the container's secrets: " + container.path("secrets"));
        Map<String, String> injected = injectedSecrets(container);
        assertThat(injected.keySet()).as("the secrets ECS injects")
                .containsExactly("PAYOUTS_API_KEY_PEPPER", "PAYOUTS_PAYEE_INDEX_KEY");
        assertThat(java.util.Base64.getDecoder().decode(injected.get("PAYOUTS_PAYEE_INDEX_KEY")))
                .as("what the aws profile accepts as a payee index key").hasSizeGreaterThanOrEqualTo(32);
        assertThat(java.util.Base64.getDecoder().decode(injected.get("PAYOUTS_API_KEY_PEPPER")))
                .as("what the aws profile accepts as a pepper").hasSizeGreaterThanOrEqualTo(32);

        checkIfModelled(task.hasNonNull("taskRoleArn") && !task.path("taskRoleArn").asText().isEmpty(),
                "TaskRoleArn of the task definition",
                () -> assertThat(task.path("taskRoleArn").asText()).endsWith("/" + created.get("TaskRole")));
        checkIfModelled(task.hasNonNull("executionRoleArn") && !task.path("executionRoleArn").asText().isEmpty(),
                "ExecutionRoleArn of the task definition",
                () -> assertThat(task.path("executionRoleArn").asText()).endsWith("/" + created.get("TaskExecutionRole")));
        checkIfModelled(!task.path("requiresCompatibilities").isEmpty(), "RequiresCompatibilities of the task definition",
                () -> assertThat(task.path("requiresCompatibilities").toString()).contains("FARGATE"));
        assertThat(container.path("user").asText()).isEqualTo("10001:10001");
        assertThat(container.path("readonlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("logConfiguration").path("options").path("awslogs-group").asText())
                .isEqualTo(outputs.get("LogGroupName"));
        assertThat(container.path("healthCheck").path("command").toString()).contains("/actuator/health/liveness");
    }

    @Test
    void the_service_runs_the_task_behind_two_load_balancers_with_separate_routes() {
        JsonNode service = api.json("ecs", "AmazonEC2ContainerServiceV20141113.DescribeServices",
                Map.of("cluster", outputs.get("ClusterName"), "services", List.of("payouts"))).path("services").path(0);
        assertThat(service.path("serviceName").asText()).isEqualTo("payouts");
        assertThat(service.path("taskDefinition").asText()).isEqualTo(created.get("TaskDefinition"));
        checkIfModelled("FARGATE".equals(service.path("launchType").asText()), "LaunchType of the service",
                () -> { });
        checkIfModelled(service.path("loadBalancers").size() > 0, "LoadBalancers of the service",
                () -> assertThat(service.path("loadBalancers").findValuesAsText("targetGroupArn")).containsExactlyInAnyOrder(
                        created.get("InternalTargetGroup"), created.get("WebhookTargetGroup")));
        JsonNode vpc = service.path("networkConfiguration").path("awsvpcConfiguration");
        checkIfModelled(!vpc.isMissingNode(), "NetworkConfiguration of the service", () -> {
            assertThat(vpc.path("assignPublicIp").asText()).isEqualTo("DISABLED");
            List<String> subnets = new ArrayList<>();
            vpc.path("subnets").forEach(sn -> subnets.add(sn.asText()));
            assertThat(String.join(",", subnets)).isEqualTo(parameters.get("PrivateSubnetIds"));
        });

        assertThat(scheme(created.get("InternalLoadBalancer"))).isEqualTo("internal");
        assertThat(scheme(created.get("PublicLoadBalancer"))).isEqualTo("internet-facing");
        assertThat(rules(created.get("PublicListener"))).containsExactly(
                "http-request-method [POST] + path-pattern [/webhooks/monoova] -> " + created.get("WebhookTargetGroup"));
        assertThat(rules(created.get("InternalListener"))).containsExactly(
                "path-pattern [/v1/*] -> " + created.get("InternalTargetGroup"));
    }

    /**
     * The hook for the {@code aws} profile: starts the application the way the ECS task would (the
     * task definition's environment, as created above) against moto, with only what a test must
     * change: {@code AWS_ENDPOINT_URL} and moto's credentials, and the embedded Monoova sandbox
     * instead of Monoova's. It runs as soon as the build contains the profile
     * ({@code application-aws.yaml}, {@code .yml} or {@code .properties}); until then it says so.
     */
    @Test
    void the_application_starts_with_the_aws_profile_against_the_stack() throws Exception {
        if (!awsProfileInThisBuild()) {
            throw ExternalTool.notRun("Starting the application against the stack",
                    "this build has no aws profile yet (application-aws.yaml); the stack's resources were checked above");
        }
        Set<String> tablesBefore;
        Set<String> queuesBefore;
        try (DynamoDbClient dynamo = moto.dynamo(); SqsClient sqs = moto.client(SqsClient.builder())) {
            tablesBefore = new TreeSet<>(dynamo.listTables().tableNames());
            queuesBefore = new TreeSet<>(sqs.listQueues().queueUrls());
        }
        Path dir = AppProcess.buildDir().resolve("infrastructure-it").resolve(stackName);
        AppProcess.Builder builder = AppProcess.builder(dir.resolve("data"), dir.resolve("logs"));
        applicationEnvironment().forEach(builder::env);
        try (AppProcess app = builder.build()) {
            app.start().awaitHealthy(Duration.ofSeconds(180));
            HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(app.baseUrl() + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        }
        try (DynamoDbClient dynamo = moto.dynamo(); SqsClient sqs = moto.client(SqsClient.builder())) {
            assertThat(new TreeSet<>(dynamo.listTables().tableNames())).as("the application creates no tables in AWS")
                    .isEqualTo(tablesBefore);
            assertThat(new TreeSet<>(sqs.listQueues().queueUrls())).as("the application creates no queues in AWS")
                    .isEqualTo(queuesBefore);
        }
    }

    /** The ECS task's environment and injected secrets, pointed at moto: what the application gets in the hook above. */
    static Map<String, String> applicationEnvironment() {
        JsonNode task = api.json("ecs", "AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition",
                Map.of("taskDefinition", created.get("TaskDefinition"))).path("taskDefinition");
        JsonNode container = task.path("containerDefinitions").path(0);
        Map<String, String> env = new LinkedHashMap<>();
        container.path("environment").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        // ECS puts PAYOUTS_API_KEY_PEPPER there from Secrets Manager; moto's ECS runs no task, so the test does
        env.putAll(injectedSecrets(container));
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        // No Monoova from a test: the embedded sandbox, which calls our webhook on localhost. Unset, not
        // blank: Camel resolves {{monoova.base-url}} from a MONOOVA_BASE_URL environment variable
        // even when it is empty, ahead of the sandbox's URL that the application puts in its place.
        env.remove("MONOOVA_BASE_URL");
        env.remove("PAYOUTS_PUBLIC_BASE_URL");
        // The sandbox accepts the API key the application reads from the stack's secret (a placeholder).
        try (SecretsManagerClient secrets = moto.client(SecretsManagerClient.builder())) {
            env.put("MONOOVA_API_KEY", secrets.getSecretValue(b -> b.secretId(env.get("MONOOVA_API_KEY_SECRET"))).secretString());
        }
        // moto 5.2 answers 404 to the protocol AWS SDK 2.41 speaks to CloudWatch (Smithy RPC v2 CBOR),
        // so publishing metrics would only log failures; in AWS the task role may publish them
        env.put("PAYOUTS_CLOUDWATCH_METRICS", "false");
        // PAYOUTS_BOOTSTRAP_TOKEN: AppProcess passes the tests' operator token
        return env;
    }

    private static boolean awsProfileInThisBuild() {
        return List.of("/application-aws.yaml", "/application-aws.yml", "/application-aws.properties").stream()
                .anyMatch(r -> InfrastructureStackIT.class.getResource(r) != null);
    }

    // ---------------------------------------------------------------------------------------------

    /** What moto did not create, by type; fails on a type this test does not know moto skips. */
    private static void reportSkippedResources() {
        // the test passes no AlarmEmail, so the e-mail subscription is not part of this stack
        Set<String> falseConditions = Set.of("HasAlarmEmail");
        Map<String, List<String>> skipped = new TreeMap<>();
        template.resources().forEach((id, r) -> {
            Object condition = map(r).get("Condition");
            boolean wanted = condition == null || !falseConditions.contains(condition);
            if (wanted && !created.containsKey(id)) {
                skipped.computeIfAbsent((String) map(r).get("Type"), t -> new ArrayList<>()).add(id);
            }
        });
        skipped.forEach((type, ids) -> System.out.printf("[stack] moto skipped %s: %s%s%n", type, ids,
                type.equals("AWS::SecretsManager::Secret") ? " -> created by this test (the application reads them)"
                        : " -> not needed by the application; checked by cfn-lint and CloudFormationTemplateTest"));
        assertThat(MOTO_SKIPS).as("resource types moto skipped").containsAll(skipped.keySet());
    }

    /**
     * moto keeps a CloudFormation key policy as an object instead of JSON text, and its DescribeKey
     * then fails: put the template's policy back as JSON.
     */
    private static void repairKeyPolicy() {
        Object policy = CloudFormationTemplate.resolve(template.properties("PayoutsKey").get("KeyPolicy"), pseudo);
        try (KmsClient kms = moto.client(KmsClient.builder())) {
            kms.putKeyPolicy(b -> b.keyId(outputs.get("KmsKeyArn")).policyName("default").policy(writeJson(policy)));
        }
        System.out.println("[stack] moto stored the KMS key policy as an object (its DescribeKey then fails):"
                + " the test put the template's policy back as JSON");
    }

    /**
     * The secrets, with placeholder values where an operator would put real ones, in the forms they
     * take: the Monoova API key (the application's embedded sandbox is told to accept it), the
     * webhook token ("[type] [credentials]") and the API key pepper (base64 of 32 random bytes).
     */
    private static void createSecretsMotoSkipped() {
        byte[] pepper = new byte[32];
        new java.security.SecureRandom().nextBytes(pepper);
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("MonoovaApiKeySecret", "it-placeholder-MonoovaApiKeySecret");
        // Monoova's subscriptions take a securityToken of the form "[type] [credentials]"
        placeholders.put("MonoovaWebhookTokenSecret", "Bearer it-placeholder-MonoovaWebhookTokenSecret");
        placeholders.put("ApiKeyPepperSecret", java.util.Base64.getEncoder().encodeToString(pepper));
        byte[] indexKey = new byte[32];
        new java.security.SecureRandom().nextBytes(indexKey);
        placeholders.put("PayeeIndexKeySecret", java.util.Base64.getEncoder().encodeToString(indexKey));
        assertThat(placeholders.keySet()).as("every secret of the template")
                .containsExactlyInAnyOrderElementsOf(template.resourcesOfType("AWS::SecretsManager::Secret").keySet());
        try (SecretsManagerClient secrets = moto.client(SecretsManagerClient.builder())) {
            placeholders.forEach((id, value) -> {
                String name = (String) CloudFormationTemplate.resolve(template.properties(id).get("Name"), pseudo);
                try {
                    secrets.describeSecret(b -> b.secretId(name));
                    System.out.printf("[stack] secret %s exists (moto created it)%n", name);
                } catch (ResourceNotFoundException missing) {
                    secrets.createSecret(b -> b.name(name).kmsKeyId(outputs.get("KmsKeyArn")).secretString(value));
                    System.out.printf("[stack] created by the test: secret %s (KMS key %s, placeholder value)%n",
                            name, outputs.get("KmsKeyArn"));
                }
            });
        }
    }

    /**
     * What ECS does at task start and moto's ECS does not: each of the container's {@code secrets}
     * becomes an environment variable holding the secret's value. moto created no secret for the
     * template (see {@link #MOTO_SKIPS}), so where the task definition's {@code valueFrom} does not
     * name a secret moto knows, the secret is found by the name the template gives it.
     */
    private static Map<String, String> injectedSecrets(JsonNode container) {
        Map<String, String> byLogicalId = new LinkedHashMap<>();
        List<Object> declared = CloudFormationTemplate.list(
                map(CloudFormationTemplate.list(template.properties("TaskDefinition").get("ContainerDefinitions")).get(0)).get("Secrets"));
        declared.forEach(d -> byLogicalId.put((String) map(d).get("Name"), (String) map(map(d).get("ValueFrom")).get("Ref")));
        Map<String, String> env = new LinkedHashMap<>();
        try (SecretsManagerClient secrets = moto.client(SecretsManagerClient.builder())) {
            for (JsonNode secret : container.path("secrets")) {
                String variable = secret.path("name").asText();
                String valueFrom = secret.path("valueFrom").asText();
                String value;
                try {
                    value = secrets.getSecretValue(b -> b.secretId(valueFrom)).secretString();
                } catch (ResourceNotFoundException | software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException
                        | software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException unknown) {
                    String id = byLogicalId.get(variable);
                    assertThat(id).as("the template's secret for %s", variable).isNotNull();
                    String name = (String) CloudFormationTemplate.resolve(template.properties(id).get("Name"), pseudo);
                    System.out.printf("[stack] moto's task definition has valueFrom '%s' for %s (the secret is not moto's):"
                            + " read %s instead%n", valueFrom, variable, name);
                    value = secrets.getSecretValue(b -> b.secretId(name)).secretString();
                }
                env.put(variable, value);
            }
        }
        return env;
    }

    /** Runs {@code check} where moto models {@code what}; otherwise says that moto ignored it. */
    private static void checkIfModelled(boolean modelled, String what, Runnable check) {
        if (modelled) {
            check.run();
        } else {
            reportIgnored(false, what);
        }
    }

    private static void reportIgnored(boolean applied, String what) {
        if (!applied) {
            System.out.printf("[stack] moto ignored %s (checked in CloudFormationTemplateTest)%n", what);
        }
    }

    private static Map<String, String> createStack(String name, String body, Map<String, String> stackParameters) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("StackName", name);
        request.put("TemplateBody", body);
        request.put("Capabilities.member.1", "CAPABILITY_IAM");
        int i = 1;
        for (Map.Entry<String, String> p : stackParameters.entrySet()) {
            request.put("Parameters.member." + i + ".ParameterKey", p.getKey());
            request.put("Parameters.member." + i + ".ParameterValue", p.getValue());
            i++;
        }
        api.query("cloudformation", "2010-05-15", "CreateStack", request);
        Document stack = api.query("cloudformation", "2010-05-15", "DescribeStacks", Map.of("StackName", name));
        assertThat(MotoApi.text(stack, "//Stacks/member/StackStatus"))
                .as("%s: %s", name, MotoApi.text(stack, "//Stacks/member/StackStatusReason")).isEqualTo("CREATE_COMPLETE");
        Map<String, String> out = new LinkedHashMap<>();
        NodeList outputs = MotoApi.nodes(stack, "//Stacks/member/Outputs/member");
        for (int o = 0; o < outputs.getLength(); o++) {
            Node output = outputs.item(o);
            out.put(MotoApi.text(output, "OutputKey"), MotoApi.text(output, "OutputValue"));
        }
        return out;
    }

    private static Map<String, String> resources(String name) {
        Document list = api.query("cloudformation", "2010-05-15", "ListStackResources", Map.of("StackName", name));
        assertThat(MotoApi.text(list, "//NextToken")).as("one page of resources").isNullOrEmpty();
        Map<String, String> physical = new LinkedHashMap<>();
        NodeList members = MotoApi.nodes(list, "//StackResourceSummaries/member");
        for (int i = 0; i < members.getLength(); i++) {
            String logical = MotoApi.text(members.item(i), "LogicalResourceId");
            if (logical != null && !logical.isEmpty()) {
                physical.put(logical, MotoApi.text(members.item(i), "PhysicalResourceId"));
            }
        }
        return physical;
    }

    private static List<String> physicalIds(String type) {
        return template.resourcesOfType(type).keySet().stream().map(created::get).toList();
    }

    private static String scheme(String loadBalancerArn) {
        Document lbs = api.query("elasticloadbalancing", "2015-12-01", "DescribeLoadBalancers",
                Map.of("LoadBalancerArns.member.1", loadBalancerArn));
        return MotoApi.text(lbs, "//LoadBalancers/member/Scheme");
    }

    /** Each non-default rule of a listener as "field [values] + field [values] -> target group". */
    private static List<String> rules(String listenerArn) {
        Document rules = api.query("elasticloadbalancing", "2015-12-01", "DescribeRules", Map.of("ListenerArn", listenerArn));
        List<String> out = new ArrayList<>();
        NodeList members = MotoApi.nodes(rules, "//Rules/member[IsDefault='false']");
        for (int i = 0; i < members.getLength(); i++) {
            Node rule = members.item(i);
            List<String> conditions = new ArrayList<>();
            NodeList cs = MotoApi.nodes(rule, "Conditions/member");
            for (int c = 0; c < cs.getLength(); c++) {
                conditions.add(MotoApi.text(cs.item(c), "Field") + " "
                        + new TreeSet<>(MotoApi.texts(cs.item(c), ".//Values/member")));
            }
            conditions.sort(null);
            out.add(String.join(" + ", conditions) + " -> " + MotoApi.text(rule, "Actions/member/TargetGroupArn"));
        }
        return out;
    }

    private static Map<QueueAttributeName, String> attributes(SqsClient sqs, String queueName) {
        String url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(text, e);
        }
    }

    /** JSON, or the Python literal moto prints for policies it keeps as objects (single quotes). */
    private static JsonNode readLenientJson(String text) {
        try {
            return JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(text, e);
        }
    }

    private static String writeJson(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
