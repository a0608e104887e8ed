package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.*;

import com.acme.payouts.store.WebhookReceipt;
import com.acme.payouts.store.WebhookReceiptStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Webhook receipts in DynamoDB, one item per {@code Webhookid}; a redriven webhook replaces its outcome. */
public class DynamoWebhookReceiptStore implements WebhookReceiptStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoWebhookReceiptStore(DynamoDbClient dynamo, DynamoTables tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.webhookReceipts();
        this.clock = clock;
    }

    @Override
    public void record(WebhookReceipt r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("webhookId", s(r.webhookId()));
        item.put("eventName", s(r.eventName()));
        item.put("outcome", s(r.outcome().name()));
        putIfPresent(item, "payoutId", r.payoutId());
        putIfPresent(item, "detail", r.detail());
        item.put("receivedAt", time(r.receivedAt()));
        item.put("updatedAt", time(clock.instant()));
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(webhookId) OR outcome <> :applied")
                    .expressionAttributeValues(Map.of(":applied", s(WebhookReceipt.Outcome.APPLIED.name()))));
        } catch (ConditionalCheckFailedException alreadyApplied) {
            // an APPLIED receipt stays as it is
        }
    }

    @Override
    public Optional<WebhookReceipt> find(String webhookId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("webhookId", s(webhookId)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WebhookReceipt(
                str(item, "webhookId"),
                str(item, "eventName"),
                WebhookReceipt.Outcome.valueOf(str(item, "outcome")),
                str(item, "payoutId"),
                str(item, "detail"),
                instant(item, "receivedAt")));
    }
}
