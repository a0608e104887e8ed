package com.acme.payouts.infrastructure;

import com.acme.payouts.store.dynamodb.DynamoTables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The tables the application expects, taken from the code itself: {@link DynamoTables#createAll}
 * runs against a client that only records what it is asked to create. The template and the stack
 * are compared with this, so a table, key or index added to the code fails the infrastructure tests
 * until the template has it too.
 */
record ExpectedTables(Map<String, Table> byName) {

    /** One table as the code creates it: keys and indexes as comparable strings. */
    record Table(String name, String billingMode, Map<String, String> keys, Map<String, String> attributes,
            Map<String, String> indexes, String ttlAttribute) {}

    static ExpectedTables of(String prefix) {
        Recorder recorder = new Recorder();
        new DynamoTables(prefix).createAll(recorder);
        Map<String, Table> tables = new LinkedHashMap<>();
        recorder.created.forEach((name, r) -> tables.put(name, new Table(
                name,
                r.billingModeAsString(),
                keys(r.keySchema()),
                r.attributeDefinitions().stream().collect(Collectors.toMap(
                        AttributeDefinition::attributeName, AttributeDefinition::attributeTypeAsString, (a, b) -> a, TreeMap::new)),
                r.globalSecondaryIndexes().stream().collect(Collectors.toMap(
                        g -> g.indexName(),
                        g -> index(keys(g.keySchema()), g.projection().projectionTypeAsString()),
                        (a, b) -> a, TreeMap::new)),
                recorder.ttl.get(name))));
        return new ExpectedTables(tables);
    }

    Set<String> names() {
        return byName.keySet();
    }

    /** Attribute name to key type (HASH, RANGE), sorted, so key schemas compare as maps. */
    static Map<String, String> keys(List<KeySchemaElement> schema) {
        return schema.stream().collect(Collectors.toMap(
                KeySchemaElement::attributeName, KeySchemaElement::keyTypeAsString, (a, b) -> a, TreeMap::new));
    }

    /** An index as one comparable string: its keys and projection. */
    static String index(Map<String, String> keys, String projection) {
        return new TreeMap<>(keys) + " projection " + projection;
    }

    /** Records create-table and TTL requests; every table "exists" at once. */
    private static final class Recorder implements DynamoDbClient {
        private final Map<String, CreateTableRequest> created = new LinkedHashMap<>();
        private final Map<String, String> ttl = new LinkedHashMap<>();

        @Override
        public CreateTableResponse createTable(CreateTableRequest request) {
            created.put(request.tableName(), request);
            return CreateTableResponse.builder().build();
        }

        @Override
        public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
            if (Boolean.TRUE.equals(request.timeToLiveSpecification().enabled())) {
                ttl.put(request.tableName(), request.timeToLiveSpecification().attributeName());
            }
            return UpdateTimeToLiveResponse.builder().build();
        }

        @Override
        public DescribeTableResponse describeTable(DescribeTableRequest request) {
            return DescribeTableResponse.builder()
                    .table(TableDescription.builder().tableName(request.tableName()).tableStatus(TableStatus.ACTIVE).build())
                    .build();
        }

        @Override
        public DynamoDbWaiter waiter() {
            return DynamoDbWaiter.builder().client(this).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
