package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.*;

import com.acme.payouts.store.LimitCounterStore;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Daily limit counters in DynamoDB. A reservation is one {@code TransactWriteItems}: an {@code ADD}
 * per counter, each conditional on the counter staying within its limit, so either every counter is
 * incremented or none is, whatever other instances do at the same time. Counters expire through the
 * table's TTL ({@code expiresAt}) after their day.
 */
public class DynamoLimitCounterStore implements LimitCounterStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLimitCounterStore(DynamoDbClient dynamo, DynamoTables tables) {
        this.dynamo = dynamo;
        this.table = tables.limitCounters();
    }

    @Override
    public boolean tryAdd(List<Increment> increments) {
        if (increments.isEmpty()) {
            return true;
        }
        for (Increment i : increments) {
            if (i.cents() > i.limitCents()) {
                return false;
            }
        }
        List<TransactWriteItem> writes = increments.stream()
                .map(i -> TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(table)
                                .key(Map.of("id", s(i.counterId())))
                                .updateExpression("ADD totalCents :n SET expiresAt = :exp")
                                .conditionExpression("attribute_not_exists(totalCents) OR totalCents <= :room")
                                .expressionAttributeValues(Map.of(
                                        ":n", n(i.cents()),
                                        ":room", n(i.limitCents() - i.cents()),
                                        ":exp", n(i.expiresAt().getEpochSecond())))
                                .build())
                        .build())
                .toList();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException refused) {
            if (refused.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw refused;
        }
    }

    @Override
    public void subtract(List<Increment> increments) {
        for (Increment i : increments) {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("id", s(i.counterId())))
                    .updateExpression("ADD totalCents :n")
                    .conditionExpression("attribute_exists(totalCents)")
                    .expressionAttributeValues(Map.of(":n", n(-i.cents()))));
        }
    }

    @Override
    public long total(String counterId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("id", s(counterId)))
                        .consistentRead(true))
                .item();
        Long total = item == null ? null : num(item, "totalCents");
        return total == null ? 0 : total;
    }
}
