package com.acme.payouts.infrastructure;

import static com.acme.payouts.infrastructure.CloudFormationTemplate.list;
import static com.acme.payouts.infrastructure.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.monoova.ExecuteOutcome;
import com.acme.payouts.store.dynamodb.DynamoTables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the template declares, checked against what the application needs, without AWS: the tables
 * the code creates, the queues application.yaml names, the environment contract of the {@code aws}
 * profile, least-privilege IAM, the two load balancers' routing and the alarms. moto ignores some of
 * these properties (TTL, point-in-time recovery, bucket policies, alarms), so this is where they are
 * held to account; {@code InfrastructureStackIT} checks what a stack actually creates.
 */
class CloudFormationTemplateTest {

    private static final Set<String> CONTRACT_ENVIRONMENT = Set.of(
            "SPRING_PROFILES_ACTIVE", "AWS_REGION", "SERVER_PORT",
            "PAYOUTS_TABLE_PREFIX", "PAYOUTS_QUEUE_PREFIX", "PAYOUTS_KMS_KEY_ID", "PAYOUTS_ARCHIVE_BUCKET",
            "PAYOUTS_METRICS_NAMESPACE", "PAYOUTS_PUBLIC_BASE_URL",
            "MONOOVA_BASE_URL", "MONOOVA_MACCOUNT", "MONOOVA_API_KEY_SECRET", "MONOOVA_WEBHOOK_TOKEN_SECRET");

    private final CloudFormationTemplate template = CloudFormationTemplate.main();

    @Test
    void the_tables_are_exactly_those_the_dynamodb_store_adapters_create() {
        String prefix = (String) map(template.parameters().get("TablePrefix")).get("Default");
        assertThat(prefix).as("the aws profile's default PAYOUTS_TABLE_PREFIX").isEqualTo("payouts-");
        ExpectedTables expected = ExpectedTables.of(prefix);

        Map<String, ExpectedTables.Table> declared = new TreeMap<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, r) -> {
            Map<String, Object> p = map(r.get("Properties"));
            String name = (String) CloudFormationTemplate.resolve(p.get("TableName"), Map.of("TablePrefix", prefix));
            Map<String, String> indexes = new TreeMap<>();
            list(p.get("GlobalSecondaryIndexes")).forEach(g -> indexes.put((String) map(g).get("IndexName"),
                    ExpectedTables.index(keys(map(g).get("KeySchema")), (String) map(map(g).get("Projection")).get("ProjectionType"))));
            Map<String, String> attributes = new TreeMap<>();
            list(p.get("AttributeDefinitions")).forEach(a -> attributes.put(
                    (String) map(a).get("AttributeName"), (String) map(a).get("AttributeType")));
            Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
            declared.put(name, new ExpectedTables.Table(name, (String) p.get("BillingMode"), keys(p.get("KeySchema")),
                    attributes, indexes, Boolean.TRUE.equals(ttl.get("Enabled")) ? (String) ttl.get("AttributeName") : null));
        });

        assertThat(declared).isEqualTo(new TreeMap<>(expected.byName()));
    }

    @Test
    void every_table_is_on_demand_recoverable_encrypted_with_the_stack_key_protected_and_retained() {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, r) -> {
            Map<String, Object> p = map(r.get("Properties"));
            assertThat(p.get("BillingMode")).as(id).isEqualTo("PAY_PER_REQUEST");
            assertThat(map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")).as(id).isEqualTo(true);
            assertThat(map(p.get("SSESpecification"))).as(id)
                    .containsEntry("SSEEnabled", true)
                    .containsEntry("SSEType", "KMS")
                    .containsEntry("KMSMasterKeyId", getAtt("PayoutsKey", "Arn"));
            assertThat(p.get("DeletionProtectionEnabled")).as(id).isEqualTo(true);
            assertThat(r).as(id).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        });
        Map<String, Object> key = template.properties("PayoutsKey");
        assertThat(key.get("EnableKeyRotation")).isEqualTo(true);
        assertThat(template.resource("PayoutsKey")).containsEntry("DeletionPolicy", "Retain");
    }

    @Test
    void every_queue_the_application_names_has_its_own_dead_letter_queue_with_the_configured_redrive() {
        int maxReceiveCount = ApplicationYaml.maxReceiveCount();
        int visibilityTimeout = ApplicationYaml.visibilityTimeoutSeconds();
        assertThat(visibilityTimeout).isEqualTo(120);

        Map<String, String> queueIdsByName = new LinkedHashMap<>();
        template.resourcesOfType("AWS::SQS::Queue").forEach((id, r) -> queueIdsByName.put(
                (String) CloudFormationTemplate.resolve(map(r.get("Properties")).get("QueueName"), Map.of("QueuePrefix", "")), id));
        Set<String> configured = new LinkedHashSet<>();
        ApplicationYaml.queuesAndDeadLetterQueues().forEach((name, dlqName) -> {
            assertThat(dlqName).as("application.yaml names the dead-letter queue of %s", name).isEqualTo(name + "-dlq");
            configured.add(name);
            configured.add(dlqName);
            String id = queueIdsByName.get(name);
            String dlqId = queueIdsByName.get(dlqName);
            assertThat(id).as("a queue named ${QueuePrefix}%s", name).isNotNull();
            assertThat(dlqId).as("a queue named ${QueuePrefix}%s", dlqName).isNotNull();
            Map<String, Object> q = template.properties(id);
            Map<String, Object> dlq = template.properties(dlqId);
            assertThat(map(q.get("RedrivePolicy")))
                    .containsEntry("deadLetterTargetArn", getAtt(dlqId, "Arn"))
                    .containsEntry("maxReceiveCount", maxReceiveCount);
            assertThat(q.get("VisibilityTimeout")).as(name).isEqualTo(visibilityTimeout);
            assertThat(((Number) dlq.get("MessageRetentionPeriod")).intValue()).as(dlqName)
                    .isGreaterThan(((Number) q.get("MessageRetentionPeriod")).intValue());
            assertThat(list(map(dlq.get("RedriveAllowPolicy")).get("sourceQueueArns")))
                    .as("%s accepts messages from %s only", dlqName, name).singleElement()
                    .satisfies(arn -> assertThat((String) map(arn).get("Fn::Sub")).endsWith(":${QueuePrefix}" + name));
            for (Map<String, Object> p : List.of(q, dlq)) {
                assertThat(p.get("SqsManagedSseEnabled") != null || p.get("KmsMasterKeyId") != null)
                        .as("%s is encrypted at rest", p.get("QueueName")).isTrue();
            }
        });
        assertThat(queueIdsByName.keySet()).containsExactlyInAnyOrderElementsOf(configured);
    }

    /**
     * What each DynamoDB store class calls, by table (the {@link DynamoTables} names): actions on the
     * table itself, and on its indexes. Read off the store classes in
     * {@code com.acme.payouts.store.dynamodb}; change it only together with them. IAM has no
     * TransactWriteItems action: each item of a transaction is a Put/Update/Delete/ConditionCheck.
     */
    private static final Map<String, TableAccess> TABLE_ACCESS = Map.ofEntries(
            // DynamoPayoutStore: conditional puts, consistent gets; every query goes to an index
            Map.entry(DynamoTables.PAYOUTS, new TableAccess("GetItem PutItem", "Query")),
            // DynamoPayeeStore: transactional writes (puts, an update, a delete), reads, shred and delete,
            // key rotation (scan, conditional update); the listing queries by-customer-created-at
            Map.entry(DynamoTables.PAYEES, new TableAccess("DeleteItem GetItem PutItem Scan UpdateItem", "Query")),
            // DynamoProcessedMessageStore: add, contains, remove; clear() scans but nothing calls it in
            // production (Camel's IdempotentRepository.clear is not called by routes): no Scan
            Map.entry(DynamoTables.PROCESSED_MESSAGES, new TableAccess("DeleteItem GetItem PutItem", "")),
            // DynamoWebhookReceiptStore
            Map.entry(DynamoTables.WEBHOOK_RECEIPTS, new TableAccess("GetItem PutItem", "")),
            // DynamoApiKeyStore: list() (GET /v1/api-keys) is a scan
            Map.entry(DynamoTables.API_KEYS, new TableAccess("GetItem PutItem Scan", "")),
            // DynamoAuditStore: append (conditional put), head and range queries, by-entity-seq queries
            Map.entry(DynamoTables.AUDIT_LOG, new TableAccess("PutItem Query", "Query")),
            // DynamoLimitCounterStore: transactional ADDs (updates), subtract, total
            Map.entry(DynamoTables.LIMIT_COUNTERS, new TableAccess("GetItem UpdateItem", "")),
            // DynamoFundingStore
            Map.entry(DynamoTables.FUNDING_BALANCE, new TableAccess("GetItem PutItem UpdateItem", "")),
            Map.entry(DynamoTables.FUNDING_RESERVATIONS, new TableAccess("GetItem PutItem UpdateItem", "Query")),
            Map.entry(DynamoTables.FUNDING_LEDGER, new TableAccess("GetItem PutItem", "Query")),
            // DynamoRedriveAuditStore
            Map.entry(DynamoTables.REDRIVE_AUDIT, new TableAccess("PutItem", "Query")),
            // DynamoNameCheckStore: conditional put, consistent get
            Map.entry(DynamoTables.NAME_CHECKS, new TableAccess("GetItem PutItem", "")));

    /** DynamoDB actions (without the prefix, sorted, space-separated) on a table and on its indexes. */
    private record TableAccess(String table, String indexes) {}

    @Test
    void the_task_role_may_do_on_each_table_exactly_what_its_store_class_does() {
        assertThat(TABLE_ACCESS.keySet()).as("a table's access is pinned here")
                .containsExactlyInAnyOrderElementsOf(ExpectedTables.of("").names());
        Map<String, String> namesById = new TreeMap<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, r) -> {
            namesById.put(id, (String) CloudFormationTemplate.resolve(map(r.get("Properties")).get("TableName"),
                    Map.of("TablePrefix", "")));
        });
        Map<String, Set<String>> tableActions = new TreeMap<>();
        Map<String, Set<String>> indexActions = new TreeMap<>();
        allowStatements("TaskRole").forEach((sid, s) -> {
            List<String> actions = list(s.get("Action")).stream().map(String::valueOf).toList();
            if (actions.stream().noneMatch(a -> a.startsWith("dynamodb:"))) {
                return;
            }
            assertThat(actions).as("%s: DynamoDB only", sid).allSatisfy(a -> assertThat(a).startsWith("dynamodb:"));
            for (Object resource : list(s.get("Resource"))) {
                Map<String, Object> r = map(resource);
                Map<String, Set<String>> into;
                String id;
                if (r.get("Fn::GetAtt") instanceof List<?> att && "Arn".equals(att.get(1))) {
                    id = (String) att.get(0);
                    into = tableActions;
                } else if (r.get("Fn::Sub") instanceof String sub && sub.matches("\\$\\{\\w+\\.Arn}/index/\\*")) {
                    id = sub.substring(2, sub.indexOf('.'));
                    into = indexActions;
                } else {
                    throw new AssertionError(sid + ": a DynamoDB statement names a table (GetAtt X.Arn) or its indexes ("
                            + "${X.Arn}/index/*), found " + resource);
                }
                assertThat(namesById).as("%s names a table of this template", sid).containsKey(id);
                actions.forEach(a -> into.computeIfAbsent(namesById.get(id), k -> new TreeSet<>())
                        .add(a.substring("dynamodb:".length())));
            }
        });
        Map<String, String> expectedTables = new TreeMap<>();
        Map<String, String> expectedIndexes = new TreeMap<>();
        TABLE_ACCESS.forEach((table, access) -> {
            expectedTables.put(table, access.table());
            if (!access.indexes().isEmpty()) {
                expectedIndexes.put(table, access.indexes());
            }
        });
        assertThat(joined(tableActions)).as("actions on each table").isEqualTo(expectedTables);
        assertThat(joined(indexActions)).as("actions on each table's indexes").isEqualTo(expectedIndexes);

        // the indexes granted are exactly the tables that have indexes
        Set<String> withIndexes = new TreeSet<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, r) -> {
            if (!list(map(r.get("Properties")).get("GlobalSecondaryIndexes")).isEmpty()) {
                withIndexes.add(namesById.get(id));
            }
        });
        assertThat(expectedIndexes.keySet()).isEqualTo(withIndexes);
        assertThat(tableActions.get(DynamoTables.AUDIT_LOG)).as("the audit trail is append-only for the application")
                .doesNotContain("UpdateItem", "DeleteItem", "BatchWriteItem", "PartiQLUpdate", "PartiQLDelete");
        assertThat(template.resource("AuditLogTable")).containsEntry("DeletionPolicy", "Retain");
        tableActions.forEach((table, actions) -> assertThat(actions).as(table)
                .doesNotContain("CreateTable", "DeleteTable", "UpdateTable", "UpdateTimeToLive"));
    }

    private static Map<String, String> joined(Map<String, Set<String>> actions) {
        Map<String, String> out = new TreeMap<>();
        actions.forEach((k, v) -> out.put(k, String.join(" ", v)));
        return out;
    }

    @Test
    void the_task_role_may_touch_exactly_the_stacks_queues_key_secrets_and_bucket() {
        Map<String, Map<String, Object>> statements = allowStatements("TaskRole");
        statements.forEach((sid, s) -> {
            assertThat(list(s.get("Action"))).as(sid).allSatisfy(a -> assertThat((String) a).doesNotContain("*"));
            if (list(s.get("Resource")).contains("*")) {
                // the two actions IAM knows no resources for
                assertThat(list(s.get("Action"))).as("%s: only PutMetricData and ListQueues may name every resource", sid)
                        .hasSize(1).containsAnyOf("cloudwatch:PutMetricData", "sqs:ListQueues");
                if (list(s.get("Action")).contains("cloudwatch:PutMetricData")) {
                    assertThat(map(map(s.get("Condition")).get("StringEquals")))
                            .containsEntry("cloudwatch:namespace", ref("MetricsNamespace"));
                } else {
                    assertThat(map(map(s.get("Condition")).get("StringEquals")))
                            .containsEntry("aws:RequestedRegion", ref("AWS::Region"));
                }
            }
        });
        // Camel's aws2-sqs endpoints, configured by queue name only, look their URL up with ListQueues
        assertThat(list(statements.get("SqsResolveQueueUrls").get("Action"))).containsExactly("sqs:ListQueues");

        List<Object> queues = template.resourcesOfType("AWS::SQS::Queue").keySet().stream()
                .map(id -> (Object) getAtt(id, "Arn")).toList();
        assertThat(list(statements.get("SqsQueues").get("Resource"))).containsExactlyInAnyOrderElementsOf(queues);
        // consumers and the dead-letter redrive receive, delete and change visibility; intake, the
        // dead-letter route and the redrive send; the DLQ depth metric reads attributes
        assertThat(list(statements.get("SqsQueues").get("Action"))).containsExactlyInAnyOrder("sqs:GetQueueUrl",
                "sqs:GetQueueAttributes", "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility");

        assertThat(list(statements.get("KmsPayoutsKey").get("Resource"))).containsExactly(getAtt("PayoutsKey", "Arn"));

        List<String> secretPatterns = list(statements.get("MonoovaSecrets").get("Resource")).stream()
                .map(s -> (String) map(s).get("Fn::Sub")).toList();
        List<String> monoovaSecrets = new ArrayList<>();
        template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, r) -> {
            if (!id.equals("ApiKeyPepperSecret") && !id.equals("PayeeIndexKeySecret")) {
                String name = (String) map(map(r.get("Properties")).get("Name")).get("Fn::Sub");
                monoovaSecrets.add("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:" + name + "-??????");
            }
        });
        assertThat(secretPatterns).containsExactlyInAnyOrderElementsOf(monoovaSecrets);
        String pepperName = (String) map(template.properties("ApiKeyPepperSecret").get("Name")).get("Fn::Sub");
        String indexKeyName = (String) map(template.properties("PayeeIndexKeySecret").get("Name")).get("Fn::Sub");
        statements.forEach((sid, s) -> assertThat(String.valueOf(s.get("Resource"))).as("%s: the task cannot read the pepper", sid)
                .doesNotContain("ApiKeyPepperSecret").doesNotContain(pepperName)
                .doesNotContain("PayeeIndexKeySecret").doesNotContain(indexKeyName));

        // the archive: webhooks/ (S3WebhookArchive) and reconciliation/ (S3ReconciliationReports) only
        List<Object> objects = List.of(Map.of("Fn::Sub", "${ArchiveBucket.Arn}/webhooks/*"),
                Map.of("Fn::Sub", "${ArchiveBucket.Arn}/reconciliation/*"));
        assertThat(list(statements.get("ArchiveWrite").get("Action"))).containsExactly("s3:PutObject");
        assertThat(list(statements.get("ArchiveWrite").get("Resource"))).containsExactlyElementsOf(objects);
        assertThat(map(map(statements.get("ArchiveWrite").get("Condition")).get("StringEquals")))
                .as("writes only with SSE-KMS under the stack's key")
                .containsEntry("s3:x-amz-server-side-encryption", "aws:kms")
                .containsEntry("s3:x-amz-server-side-encryption-aws-kms-key-id", getAtt("PayoutsKey", "Arn"));
        assertThat(list(statements.get("ArchiveRead").get("Action"))).containsExactly("s3:GetObject");
        assertThat(list(statements.get("ArchiveRead").get("Resource"))).containsExactlyElementsOf(objects);
        assertThat(list(statements.get("ArchiveListing").get("Action"))).containsExactly("s3:ListBucket");
        assertThat(list(statements.get("ArchiveListing").get("Resource"))).containsExactly(getAtt("ArchiveBucket", "Arn"));
        assertThat(list(map(map(statements.get("ArchiveListing").get("Condition")).get("StringLike")).get("s3:prefix")))
                .containsExactly("webhooks/*", "reconciliation/*");

        Map<String, Map<String, Object>> execution = allowStatements("TaskExecutionRole");
        execution.forEach((sid, s) -> {
            if (!sid.endsWith("ApiKeyPepper") && !sid.endsWith("PayeeIndexKey")) {
                assertThat(list(s.get("Action"))).as("the execution role otherwise only pulls and logs: %s", sid)
                        .allSatisfy(a -> assertThat((String) a).matches("(ecr|logs):\\w+"));
            }
        });
        assertThat(list(execution.get("ReadTheApiKeyPepper").get("Action"))).containsExactly("secretsmanager:GetSecretValue");
        assertThat(list(execution.get("ReadTheApiKeyPepper").get("Resource"))).containsExactly(ref("ApiKeyPepperSecret"));
        assertThat(list(execution.get("DecryptTheApiKeyPepper").get("Action"))).containsExactly("kms:Decrypt");
        assertThat(list(execution.get("DecryptTheApiKeyPepper").get("Resource"))).containsExactly(getAtt("PayoutsKey", "Arn"));
        assertThat(map(map(execution.get("DecryptTheApiKeyPepper").get("Condition")).get("StringEquals")))
                .containsEntry("kms:ViaService", Map.of("Fn::Sub", "secretsmanager.${AWS::Region}.amazonaws.com"));
        assertThat(list(execution.get("ReadThePayeeIndexKey").get("Action"))).containsExactly("secretsmanager:GetSecretValue");
        assertThat(list(execution.get("ReadThePayeeIndexKey").get("Resource"))).containsExactly(ref("PayeeIndexKeySecret"));
        assertThat(list(execution.get("DecryptThePayeeIndexKey").get("Action"))).containsExactly("kms:Decrypt");
        assertThat(map(map(execution.get("DecryptThePayeeIndexKey").get("Condition")).get("StringEquals")))
                .containsEntry("kms:ViaService", Map.of("Fn::Sub", "secretsmanager.${AWS::Region}.amazonaws.com"));
    }

    @Test
    void the_container_gets_the_aws_profile_environment_and_only_the_pepper_as_a_secret() {
        Map<String, Object> container = map(list(template.properties("TaskDefinition").get("ContainerDefinitions")).get(0));
        Map<String, Object> env = new TreeMap<>();
        list(container.get("Environment")).forEach(e -> env.put((String) map(e).get("Name"), map(e).get("Value")));

        assertThat(env.keySet()).containsExactlyInAnyOrderElementsOf(CONTRACT_ENVIRONMENT);
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "aws")
                .containsEntry("AWS_REGION", ref("AWS::Region"))
                .containsEntry("SERVER_PORT", "8080")
                .containsEntry("PAYOUTS_TABLE_PREFIX", ref("TablePrefix"))
                .containsEntry("PAYOUTS_QUEUE_PREFIX", ref("QueuePrefix"))
                .containsEntry("PAYOUTS_KMS_KEY_ID", getAtt("PayoutsKey", "Arn"))
                .containsEntry("PAYOUTS_ARCHIVE_BUCKET", ref("ArchiveBucket"))
                .containsEntry("PAYOUTS_METRICS_NAMESPACE", ref("MetricsNamespace"))
                .containsEntry("MONOOVA_API_KEY_SECRET", template.properties("MonoovaApiKeySecret").get("Name"))
                .containsEntry("MONOOVA_WEBHOOK_TOKEN_SECRET", template.properties("MonoovaWebhookTokenSecret").get("Name"));

        // application.yaml reads the pepper from PAYOUTS_API_KEY_PEPPER; ECS injects it from the secret
        String pepper = (String) map(map(ApplicationYaml.load().get("payouts")).get("security")).get("api-key-pepper");
        assertThat(pepper).startsWith("${PAYOUTS_API_KEY_PEPPER:");
        String indexKey = (String) map(map(ApplicationYaml.load().get("payouts")).get("security")).get("payee-index-key");
        assertThat(indexKey).startsWith("${PAYOUTS_PAYEE_INDEX_KEY:");
        assertThat(list(container.get("Secrets"))).containsExactly(
                Map.of("Name", "PAYOUTS_API_KEY_PEPPER", "ValueFrom", ref("ApiKeyPepperSecret")),
                Map.of("Name", "PAYOUTS_PAYEE_INDEX_KEY", "ValueFrom", ref("PayeeIndexKeySecret")));
        assertThat(env).doesNotContainKey("PAYOUTS_API_KEY_PEPPER").doesNotContainKey("PAYOUTS_PAYEE_INDEX_KEY");
        template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, r) -> assertThat(map(r.get("Properties")))
                .as("%s gets its value out of band", id)
                .doesNotContainKeys("SecretString", "GenerateSecretString")
                .containsEntry("KmsKeyId", getAtt("PayoutsKey", "Arn")));
        assertThat(template.resource("ApiKeyPepperSecret")).as("a lost pepper invalidates every API key")
                .containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(template.properties("ApiKeyPepperSecret").get("Name"))
                .isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}/payouts/api-key-pepper"));
        assertThat(template.resourcesOfType("AWS::SecretsManager::RotationSchedule")).as("the pepper is never rotated").isEmpty();

        assertThat((String) container.get("User")).matches("[1-9][0-9]*:[1-9][0-9]*");
        assertThat(container.get("ReadonlyRootFilesystem")).isEqualTo(true);
        assertThat(list(container.get("PortMappings"))).singleElement()
                .satisfies(m -> assertThat(map(m)).containsEntry("ContainerPort", 8080));
        assertThat(template.body()).as("no parameter carries a secret value").doesNotContainIgnoringCase("NoEcho");
    }

    @Test
    void the_public_load_balancer_forwards_only_monoova_webhooks_and_the_internal_one_only_the_api() {
        Map<String, Object> internal = template.properties("InternalLoadBalancer");
        Map<String, Object> external = template.properties("PublicLoadBalancer");
        assertThat(internal).containsEntry("Scheme", "internal");
        assertThat(external).containsEntry("Scheme", "internet-facing");

        for (String listener : List.of("InternalListener", "PublicListener")) {
            Map<String, Object> l = template.properties(listener);
            assertThat(l).as(listener).containsEntry("Protocol", "HTTPS").containsEntry("Port", 443);
            assertThat((String) l.get("SslPolicy")).as(listener).startsWith("ELBSecurityPolicy-TLS13");
            assertThat(map(list(l.get("DefaultActions")).get(0))).as("%s answers anything unrouted itself", listener)
                    .containsEntry("Type", "fixed-response");
        }
        Map<String, List<Map<String, Object>>> rulesByListener = new TreeMap<>();
        template.resourcesOfType("AWS::ElasticLoadBalancingV2::ListenerRule").forEach((id, r) -> rulesByListener
                .computeIfAbsent((String) map(map(r.get("Properties")).get("ListenerArn")).get("Ref"), k -> new ArrayList<>())
                .add(map(r.get("Properties"))));
        assertThat(rulesByListener.keySet()).containsExactly("InternalListener", "PublicListener");

        Map<String, Object> webhook = rulesByListener.get("PublicListener").get(0);
        assertThat(rulesByListener.get("PublicListener")).hasSize(1);
        assertThat(list(webhook.get("Conditions"))).containsExactlyInAnyOrder(
                Map.of("Field", "path-pattern", "PathPatternConfig", Map.of("Values", List.of("/webhooks/monoova"))),
                Map.of("Field", "http-request-method", "HttpRequestMethodConfig", Map.of("Values", List.of("POST"))));
        assertThat(list(webhook.get("Actions"))).containsExactly(
                Map.of("Type", "forward", "TargetGroupArn", ref("WebhookTargetGroup")));

        Map<String, Object> api = rulesByListener.get("InternalListener").get(0);
        assertThat(rulesByListener.get("InternalListener")).hasSize(1);
        assertThat(list(api.get("Conditions"))).containsExactly(
                Map.of("Field", "path-pattern", "PathPatternConfig", Map.of("Values", List.of("/v1/*"))));
        assertThat(list(api.get("Actions"))).containsExactly(
                Map.of("Type", "forward", "TargetGroupArn", ref("InternalTargetGroup")));

        template.resourcesOfType("AWS::ElasticLoadBalancingV2::TargetGroup").forEach((id, r) -> assertThat(map(r.get("Properties")))
                .as(id).containsEntry("HealthCheckPath", "/actuator/health/readiness").containsEntry("Port", 8080)
                .containsEntry("TargetType", "ip"));
        assertThat(list(template.properties("Service").get("LoadBalancers"))).hasSize(2);
    }

    @Test
    void every_alarm_notifies_the_topic_and_every_dead_letter_queue_and_busy_queue_is_watched() {
        Map<String, Map<String, Object>> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        Set<String> scalingPolicies = template.resourcesOfType("AWS::ApplicationAutoScaling::ScalingPolicy").keySet();
        List<String> watchedQueues = new ArrayList<>();
        alarms.forEach((id, r) -> {
            Map<String, Object> p = map(r.get("Properties"));
            List<Object> actions = list(p.get("AlarmActions"));
            boolean scaling = actions.stream().anyMatch(a -> scalingPolicies.contains(map(a).get("Ref")));
            if (!scaling) {
                assertThat(actions).as("%s alarms the topic", id).containsExactly(ref("AlarmTopic"));
                assertThat(list(p.get("OKActions"))).as("%s says when it is over", id).containsExactly(ref("AlarmTopic"));
                assertThat((String) p.get("AlarmDescription")).as(id).isNotBlank();
            }
            if ("AWS/SQS".equals(p.get("Namespace"))) {
                watchedQueues.add(p.get("MetricName") + " " + map(list(p.get("Dimensions")).get(0)).get("Value"));
            }
            if (p.containsKey("Metrics")) {
                assertThat(list(p.get("Metrics")).stream().filter(m -> Boolean.TRUE.equals(map(m).get("ReturnData"))))
                        .as("%s watches exactly one expression", id).hasSize(1);
            }
        });
        for (String dlq : List.of("PayoutRequestsDlq", "PayoutSubmissionsDlq", "MonoovaWebhooksDlq")) {
            assertThat(watchedQueues).contains("ApproximateNumberOfMessagesVisible " + getAtt(dlq, "QueueName"));
        }
        for (String queue : List.of("PayoutSubmissionsQueue", "MonoovaWebhooksQueue")) {
            assertThat(watchedQueues).contains("ApproximateAgeOfOldestMessage " + getAtt(queue, "QueueName"));
        }
        String body = template.body();
        assertThat(body).contains("payouts.webhooks.rejected.count", "payouts.oldest.age.value", "payouts.monoova.calls.count",
                "payouts.audit.append.failures.count", "HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count", "RunningTaskCount");
        assertThat(body).as("the metric the application never published").doesNotContain("monoova.requests");
    }

    /**
     * The unknown-rate alarm counts Monoova execute calls by outcome with plain metric math, which
     * matches dimensions exactly: one metric per outcome the code can report. The outcome tag is the
     * classified {@link ExecuteOutcome}'s class name in lower case ({@code MonoovaHttp.observe}), so
     * the alarm's outcomes are the sealed interface's permitted classes.
     */
    @Test
    void the_monoova_alarm_counts_every_execute_outcome_the_code_reports_and_alarms_on_unknown() {
        Map<String, Object> alarm = template.properties("MonoovaUnknownRateAlarm");
        Set<String> outcomes = new TreeSet<>();
        for (Class<?> c : ExecuteOutcome.class.getPermittedSubclasses()) {
            outcomes.add(c.getSimpleName().toLowerCase(Locale.ROOT));
        }
        assertThat(outcomes).contains("accepted", "rejected", "unknown");

        Map<String, String> outcomeById = new TreeMap<>();
        String rate = null;
        String total = null;
        for (Object m : list(alarm.get("Metrics"))) {
            Map<String, Object> q = map(m);
            if (q.containsKey("MetricStat")) {
                Map<String, Object> metric = map(map(q.get("MetricStat")).get("Metric"));
                assertThat(metric).containsEntry("Namespace", ref("MetricsNamespace"))
                        .containsEntry("MetricName", "payouts.monoova.calls.count");
                Map<String, String> dimensions = new TreeMap<>();
                list(metric.get("Dimensions")).forEach(d -> dimensions.put((String) map(d).get("Name"), (String) map(d).get("Value")));
                assertThat(dimensions.keySet()).as("exactly the timer's tags").containsExactly("operation", "outcome");
                assertThat(dimensions).containsEntry("operation", "execute");
                assertThat(map(q.get("MetricStat"))).containsEntry("Stat", "Sum");
                outcomeById.put((String) q.get("Id"), dimensions.get("outcome"));
            } else if (Boolean.TRUE.equals(q.get("ReturnData"))) {
                rate = (String) q.get("Expression");
            } else if ("total".equals(q.get("Id"))) {
                total = (String) q.get("Expression");
            }
        }
        assertThat(new TreeSet<>(outcomeById.values())).as("every execute outcome of the code").isEqualTo(outcomes);
        outcomeById.forEach((id, outcome) -> assertThat(id).isEqualTo(outcome));
        for (String outcome : outcomes) {
            assertThat(total).as("the total counts %s", outcome).contains("FILL(" + outcome + ", 0)");
        }
        assertThat(rate).contains("FILL(unknown, 0) / total");
        assertThat(alarm).containsEntry("Threshold", ref("MonoovaErrorRatePercent"));

        Map<String, Object> audit = template.properties("AuditAppendFailuresAlarm");
        assertThat(audit).containsEntry("Namespace", ref("MetricsNamespace"))
                .containsEntry("MetricName", "payouts.audit.append.failures.count")
                .containsEntry("Statistic", "Sum")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", 0)
                .doesNotContainKey("Dimensions");
    }

    @Test
    void every_table_and_what_the_application_is_configured_with_is_an_output() {
        Set<Object> outputs = new LinkedHashSet<>();
        template.outputs().values().forEach(o -> outputs.add(map(o).get("Value")));
        template.resourcesOfType("AWS::DynamoDB::Table").keySet().forEach(id -> assertThat(outputs).as(id).contains(ref(id)));
        assertThat(outputs).contains(getAtt("PayoutsKey", "Arn"), ref("ArchiveBucket"), ref("AlarmTopic"),
                template.properties("MonoovaApiKeySecret").get("Name"), template.properties("MonoovaWebhookTokenSecret").get("Name"),
                template.properties("ApiKeyPepperSecret").get("Name"),
                Map.of("Fn::Sub", "${AWS::StackName}/payouts/payee-index-key"));
    }

    private Map<String, Map<String, Object>> allowStatements(String roleId) {
        Map<String, Map<String, Object>> bySid = new LinkedHashMap<>();
        list(template.properties(roleId).get("Policies")).forEach(policy -> list(map(map(policy).get("PolicyDocument")).get("Statement"))
                .forEach(s -> {
                    assertThat(map(s).get("Effect")).isEqualTo("Allow");
                    bySid.put((String) map(s).get("Sid"), map(s));
                }));
        return bySid;
    }

    private static Map<String, String> keys(Object keySchema) {
        Map<String, String> keys = new TreeMap<>();
        list(keySchema).forEach(k -> keys.put((String) map(k).get("AttributeName"), (String) map(k).get("KeyType")));
        return keys;
    }

    private static Map<String, Object> ref(String id) {
        return Map.of("Ref", id);
    }

    private static Map<String, Object> getAtt(String id, String attribute) {
        return Map.of("Fn::GetAtt", List.of(id, attribute));
    }
}
