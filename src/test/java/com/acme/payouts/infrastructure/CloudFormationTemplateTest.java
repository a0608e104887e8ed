package com.acme.payouts.infrastructure;

import static com.acme.payouts.infrastructure.CloudFormationTemplate.list;
import static com.acme.payouts.infrastructure.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    @Test
    void the_task_role_may_touch_exactly_the_stacks_tables_queues_key_secrets_and_bucket() {
        Map<String, Map<String, Object>> statements = allowStatements("TaskRole");
        statements.forEach((sid, s) -> {
            assertThat(list(s.get("Action"))).as(sid).allSatisfy(a -> assertThat((String) a).doesNotContain("*"));
            if (list(s.get("Resource")).contains("*")) {
                assertThat(list(s.get("Action"))).as("%s: only PutMetricData may name every resource", sid)
                        .containsExactly("cloudwatch:PutMetricData");
                assertThat(map(map(s.get("Condition")).get("StringEquals")))
                        .containsEntry("cloudwatch:namespace", ref("MetricsNamespace"));
            }
        });

        List<Object> tables = new ArrayList<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, r) -> {
            tables.add(getAtt(id, "Arn"));
            if (!list(map(r.get("Properties")).get("GlobalSecondaryIndexes")).isEmpty()) {
                tables.add(Map.of("Fn::Sub", "${" + id + ".Arn}/index/*"));
            }
        });
        assertThat(list(statements.get("DynamoDbTables").get("Resource"))).containsExactlyInAnyOrderElementsOf(tables);
        assertThat(list(statements.get("DynamoDbTables").get("Action"))).doesNotContain("dynamodb:Scan",
                "dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:UpdateTable");

        List<Object> queues = template.resourcesOfType("AWS::SQS::Queue").keySet().stream()
                .map(id -> (Object) getAtt(id, "Arn")).toList();
        assertThat(list(statements.get("SqsQueues").get("Resource"))).containsExactlyInAnyOrderElementsOf(queues);
        assertThat(list(statements.get("SqsQueues").get("Action"))).doesNotContain("sqs:CreateQueue", "sqs:DeleteQueue",
                "sqs:PurgeQueue", "sqs:SetQueueAttributes");

        assertThat(list(statements.get("KmsPayoutsKey").get("Resource"))).containsExactly(getAtt("PayoutsKey", "Arn"));

        List<String> secretPatterns = list(statements.get("MonoovaSecrets").get("Resource")).stream()
                .map(s -> (String) map(s).get("Fn::Sub")).toList();
        template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, r) -> {
            String name = (String) map(map(r.get("Properties")).get("Name")).get("Fn::Sub");
            assertThat(secretPatterns).as(id).contains(
                    "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:" + name + "-??????");
        });

        assertThat(list(statements.get("ArchiveObjects").get("Resource"))).containsExactly(Map.of("Fn::Sub", "${ArchiveBucket.Arn}/*"));
        assertThat(list(statements.get("ArchiveListing").get("Resource"))).containsExactly(getAtt("ArchiveBucket", "Arn"));

        allowStatements("TaskExecutionRole").forEach((sid, s) -> assertThat(list(s.get("Action")))
                .as("the execution role only pulls and logs: %s", sid)
                .allSatisfy(a -> assertThat((String) a).matches("(ecr|logs):\\w+")));
    }

    @Test
    void the_container_gets_the_aws_profile_environment_and_no_secret_values() {
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
        assertThat(container).doesNotContainKey("Secrets");
        template.resourcesOfType("AWS::SecretsManager::Secret").forEach((id, r) -> assertThat(map(r.get("Properties")))
                .as("%s gets its value out of band", id)
                .doesNotContainKeys("SecretString", "GenerateSecretString"));

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
        assertThat(body).contains("payouts.webhooks.rejected.count", "payouts.oldest.age.value", "monoova.requests.count",
                "HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count", "RunningTaskCount");
    }

    @Test
    void every_table_and_what_the_application_is_configured_with_is_an_output() {
        Set<Object> outputs = new LinkedHashSet<>();
        template.outputs().values().forEach(o -> outputs.add(map(o).get("Value")));
        template.resourcesOfType("AWS::DynamoDB::Table").keySet().forEach(id -> assertThat(outputs).as(id).contains(ref(id)));
        assertThat(outputs).contains(getAtt("PayoutsKey", "Arn"), ref("ArchiveBucket"), ref("AlarmTopic"),
                template.properties("MonoovaApiKeySecret").get("Name"), template.properties("MonoovaWebhookTokenSecret").get("Name"));
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
