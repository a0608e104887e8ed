package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.*;

import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.RedriveRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The redrive audit in DynamoDB: each record is a put conditional on {@code attribute_not_exists(id)},
 * so a record is never overwritten; the {@code all-at} index lists them newest first.
 */
public class DynamoRedriveAuditStore implements RedriveAuditStore {

    private static final String PARTITION = "redrives";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRedriveAuditStore(DynamoDbClient dynamo, DynamoTables tables) {
        this.dynamo = dynamo;
        this.table = tables.redriveAudit();
    }

    @Override
    public void append(RedriveRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(r.id()));
        item.put("partition", s(PARTITION));
        item.put("at", time(r.at()));
        item.put("who", s(r.who()));
        item.put("queue", s(r.queue()));
        item.put("messageId", s(r.messageId()));
        putIfPresent(item, "newMessageId", r.newMessageId());
        putIfPresent(item, "reason", r.reason());
        item.put("outcome", s(r.outcome()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"));
        } catch (ConditionalCheckFailedException exists) {
            throw new IllegalStateException("audit record " + r.id() + " exists and is never replaced");
        }
    }

    @Override
    public List<RedriveRecord> recent(int limit) {
        List<RedriveRecord> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse response = dynamo.query(b -> b.tableName(table)
                    .indexName(DynamoTables.ALL_AT)
                    .keyConditionExpression("#p = :p")
                    .expressionAttributeNames(Map.of("#p", "partition"))
                    .expressionAttributeValues(Map.of(":p", s(PARTITION)))
                    .scanIndexForward(false)
                    .limit(limit)
                    .exclusiveStartKey(exclusiveStart));
            for (Map<String, AttributeValue> i : response.items()) {
                found.add(new RedriveRecord(str(i, "id"), instant(i, "at"), str(i, "who"), str(i, "queue"),
                        str(i, "messageId"), str(i, "newMessageId"), str(i, "reason"), str(i, "outcome")));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && found.size() < limit);
        return found.size() > limit ? new ArrayList<>(found.subList(0, limit)) : found;
    }
}
