package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.*;

import com.acme.payouts.store.ProcessedMessageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Processed-message keys in DynamoDB, for the Camel idempotent consumers (Camel ships no DynamoDB
 * repository). {@link #add} is a put conditional on {@code attribute_not_exists}; records expire
 * through the table's TTL after {@code retention}, far longer than any queue redelivery.
 */
public class DynamoProcessedMessageStore implements ProcessedMessageStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration retention;

    public DynamoProcessedMessageStore(DynamoDbClient dynamo, DynamoTables tables, Clock clock, Duration retention) {
        this.dynamo = dynamo;
        this.table = tables.processedMessages();
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public boolean add(String repository, String key) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "id", s(id(repository, key)),
                            "repository", s(repository),
                            "createdAt", time(clock.instant()),
                            "expiresAt", n(clock.instant().plus(retention).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(id)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public boolean contains(String repository, String key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("id", s(id(repository, key))))
                        .consistentRead(true))
                .item();
        return item != null && !item.isEmpty();
    }

    @Override
    public boolean remove(String repository, String key) {
        Map<String, AttributeValue> old = dynamo.deleteItem(b -> b.tableName(table)
                        .key(Map.of("id", s(id(repository, key))))
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();
        return old != null && !old.isEmpty();
    }

    @Override
    public void clear(String repository) {
        dynamo.scanPaginator(b -> b.tableName(table)
                        .filterExpression("#r = :r")
                        .expressionAttributeNames(Map.of("#r", "repository"))
                        .expressionAttributeValues(Map.of(":r", s(repository))))
                .items()
                .forEach(item -> dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", item.get("id")))));
    }

    private static String id(String repository, String key) {
        return repository + "|" + key;
    }
}
