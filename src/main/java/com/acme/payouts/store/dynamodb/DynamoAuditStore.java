package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.*;

import com.acme.payouts.audit.AuditEntry;
import com.acme.payouts.store.AuditStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The audit chain in DynamoDB: one partition ({@code chain = "audit"}) sorted by {@code seq}, so the
 * head is one strongly consistent query and {@link #append} a put conditional on
 * {@code attribute_not_exists(seq)}. A global secondary index ({@code entity}, {@code seq}) serves
 * {@code GET /v1/audit?entity=}. One partition caps appends at DynamoDB's per-partition write rate
 * (about 1000 small writes a second), far above this service's rate of state changes.
 */
public class DynamoAuditStore implements AuditStore {

    static final String CHAIN = "audit";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAuditStore(DynamoDbClient dynamo, DynamoTables tables) {
        this.dynamo = dynamo;
        this.table = tables.auditLog();
    }

    @Override
    public Optional<AuditEntry> head() {
        List<Map<String, AttributeValue>> items = dynamo.query(b -> b.tableName(table)
                        .keyConditionExpression("chain = :c")
                        .expressionAttributeValues(Map.of(":c", s(CHAIN)))
                        .scanIndexForward(false)
                        .consistentRead(true)
                        .limit(1))
                .items();
        return items.isEmpty() ? Optional.empty() : Optional.of(entry(items.get(0)));
    }

    @Override
    public boolean append(AuditEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("chain", s(CHAIN));
        item.put("seq", n(e.seq()));
        item.put("at", s(e.at().toString()));
        item.put("actorId", s(e.actorId()));
        item.put("actorName", s(e.actorName()));
        item.put("action", s(e.action()));
        item.put("entity", s(e.entity()));
        putIfPresent(item, "before", e.before());
        putIfPresent(item, "after", e.after());
        item.put("prevHash", s(e.prevHash()));
        item.put("hash", s(e.hash()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(seq)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public List<AuditEntry> range(long fromSeq, int limit) {
        return dynamo.query(b -> b.tableName(table)
                        .keyConditionExpression("chain = :c AND seq >= :from")
                        .expressionAttributeValues(Map.of(":c", s(CHAIN), ":from", n(fromSeq)))
                        .scanIndexForward(true)
                        .consistentRead(true)
                        .limit(limit))
                .items()
                .stream()
                .map(DynamoAuditStore::entry)
                .toList();
    }

    @Override
    public List<AuditEntry> byEntity(String entity, long beforeSeq, int limit) {
        return dynamo.query(b -> b.tableName(table)
                        .indexName(DynamoTables.AUDIT_BY_ENTITY)
                        .keyConditionExpression("entity = :e AND seq < :before")
                        .expressionAttributeValues(Map.of(":e", s(entity), ":before", n(beforeSeq)))
                        .scanIndexForward(false)
                        .limit(limit))
                .items()
                .stream()
                .map(DynamoAuditStore::entry)
                .toList();
    }

    private static AuditEntry entry(Map<String, AttributeValue> item) {
        return new AuditEntry(
                num(item, "seq"),
                Instant.parse(str(item, "at")),
                str(item, "actorId"),
                str(item, "actorName"),
                str(item, "action"),
                str(item, "entity"),
                str(item, "before"),
                str(item, "after"),
                str(item, "prevHash"),
                str(item, "hash"));
    }
}
