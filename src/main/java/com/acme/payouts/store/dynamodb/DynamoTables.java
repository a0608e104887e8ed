package com.acme.payouts.store.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The DynamoDB tables and indexes of the {@code aws} profile. In AWS the infrastructure template
 * creates them (with the same names and keys); this class creates them for tests and emulators.
 */
public final class DynamoTables {

    public static final String PAYOUTS = "payouts";
    public static final String PAYEES = "payees";
    public static final String PROCESSED_MESSAGES = "processed-messages";
    public static final String WEBHOOK_RECEIPTS = "webhook-receipts";
    public static final String API_KEYS = "api-keys";
    public static final String AUDIT_LOG = "audit-log";
    public static final String LIMIT_COUNTERS = "limit-counters";
    /** Audit entries of one entity, by sequence number. */
    public static final String AUDIT_BY_ENTITY = "by-entity-seq";
    public static final String FUNDING_BALANCE = "funding-balance";
    public static final String FUNDING_RESERVATIONS = "funding-reservations";
    public static final String FUNDING_LEDGER = "funding-ledger";
    public static final String REDRIVE_AUDIT = "redrive-audit";
    /** The latest name check of each payee. */
    public static final String NAME_CHECKS = "name-checks";

    /** Sweeper: payouts in one status, oldest change first. */
    public static final String BY_STATUS_UPDATED = "by-status-updated";
    /** Listing by status, newest first. */
    public static final String BY_STATUS_CREATED = "by-status-created";
    /** Listing by customer, newest first. */
    public static final String BY_CUSTOMER_CREATED = "by-customer-created";
    /** Payees of one customer, newest first (heads only: only they carry customerId). */
    public static final String BY_CUSTOMER_CREATED_AT = "by-customer-created-at";
    /** Listing everything, newest first. */
    public static final String ALL_CREATED = "all-created";
    /** Funding reservations in one state, oldest first. */
    public static final String BY_STATE_CREATED = "by-state-created";
    /** Funding ledger entries of one Sydney day, in time order. */
    public static final String BY_DAY_OCCURRED = "by-day-occurred";
    /** Redrive audit records, newest first (one partition: redrives are rare, operator actions). */
    public static final String ALL_AT = "all-at";

    /** What the payee listing index carries besides its keys. */
    public static final List<String> PAYEE_LISTING_ATTRIBUTES = List.of("type", "masked", "deEligible", "version");

    private final String prefix;

    public DynamoTables(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public String payouts() {
        return prefix + PAYOUTS;
    }

    public String payees() {
        return prefix + PAYEES;
    }

    public String processedMessages() {
        return prefix + PROCESSED_MESSAGES;
    }

    public String webhookReceipts() {
        return prefix + WEBHOOK_RECEIPTS;
    }

    public String apiKeys() {
        return prefix + API_KEYS;
    }

    public String auditLog() {
        return prefix + AUDIT_LOG;
    }

    public String limitCounters() {
        return prefix + LIMIT_COUNTERS;
    }

    public String fundingBalance() {
        return prefix + FUNDING_BALANCE;
    }

    public String fundingReservations() {
        return prefix + FUNDING_RESERVATIONS;
    }

    public String fundingLedger() {
        return prefix + FUNDING_LEDGER;
    }

    public String redriveAudit() {
        return prefix + REDRIVE_AUDIT;
    }

    public String nameChecks() {
        return prefix + NAME_CHECKS;
    }

    /** Creates every table that does not exist yet. */
    public void createAll(DynamoDbClient dynamo) {
        create(dynamo, CreateTableRequest.builder()
                .tableName(payouts())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("id"))
                .attributeDefinitions(
                        attr("id"), attr("status"), attr("updatedAt"), attr("createdKey"), attr("customerId"), attr("listPartition"))
                .globalSecondaryIndexes(
                        gsi(BY_STATUS_UPDATED, "status", "updatedAt"),
                        gsi(BY_STATUS_CREATED, "status", "createdKey"),
                        gsi(BY_CUSTOMER_CREATED, "customerId", "createdKey"),
                        gsi(ALL_CREATED, "listPartition", "createdKey"))
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(payees())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("id"))
                .attributeDefinitions(attr("id"), attr("customerId"), attr("createdAt"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(BY_CUSTOMER_CREATED_AT)
                        .keySchema(
                                KeySchemaElement.builder().attributeName("customerId").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("createdAt").keyType(KeyType.RANGE).build())
                        // Masked facts only: never a wrapped key or ciphertext (heads from before versions have them)
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes(PAYEE_LISTING_ATTRIBUTES)
                                .build())
                        .build())
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(processedMessages())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("id"))
                .attributeDefinitions(attr("id"))
                .build());
        dynamo.updateTimeToLive(UpdateTimeToLiveRequest.builder()
                .tableName(processedMessages())
                .timeToLiveSpecification(TimeToLiveSpecification.builder().enabled(true).attributeName("expiresAt").build())
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(webhookReceipts())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("webhookId"))
                .attributeDefinitions(attr("webhookId"))
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(apiKeys())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("id"))
                .attributeDefinitions(attr("id"))
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(auditLog())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("chain"), KeySchemaElement.builder().attributeName("seq").keyType(KeyType.RANGE).build())
                .attributeDefinitions(attr("chain"), number("seq"), attr("entity"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(AUDIT_BY_ENTITY)
                        .keySchema(
                                KeySchemaElement.builder().attributeName("entity").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("seq").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(limitCounters())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("id"))
                .attributeDefinitions(attr("id"))
                .build());
        dynamo.updateTimeToLive(UpdateTimeToLiveRequest.builder()
                .tableName(limitCounters())
                .timeToLiveSpecification(TimeToLiveSpecification.builder().enabled(true).attributeName("expiresAt").build())
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(fundingBalance())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("id"))
                .attributeDefinitions(attr("id"))
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(fundingReservations())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("payoutId"))
                .attributeDefinitions(attr("payoutId"), attr("state"), attr("createdAt"))
                .globalSecondaryIndexes(gsi(BY_STATE_CREATED, "state", "createdAt"))
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(fundingLedger())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("entryId"))
                .attributeDefinitions(attr("entryId"), attr("day"), attr("occurredAt"))
                .globalSecondaryIndexes(gsi(BY_DAY_OCCURRED, "day", "occurredAt"))
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(redriveAudit())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("id"))
                .attributeDefinitions(attr("id"), attr("partition"), attr("at"))
                .globalSecondaryIndexes(gsi(ALL_AT, "partition", "at"))
                .build());
        create(dynamo, CreateTableRequest.builder()
                .tableName(nameChecks())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("payeeId"))
                .attributeDefinitions(attr("payeeId"))
                .build());
    }

    private static AttributeDefinition number(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.N).build();
    }

    private static void create(DynamoDbClient dynamo, CreateTableRequest request) {
        try {
            dynamo.createTable(request);
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
        } catch (ResourceInUseException exists) {
            // created by the infrastructure or an earlier run
        }
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static GlobalSecondaryIndex gsi(String name, String hashKey, String rangeKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(
                        KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    static List<String> all(DynamoTables t) {
        return List.of(t.payouts(), t.payees(), t.processedMessages(), t.webhookReceipts(), t.apiKeys(), t.auditLog(),
                t.limitCounters(), t.fundingBalance(), t.fundingReservations(), t.fundingLedger(), t.redriveAudit(),
                t.nameChecks());
    }
}
