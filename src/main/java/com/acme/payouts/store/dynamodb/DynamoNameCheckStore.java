package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.instant;
import static com.acme.payouts.store.dynamodb.Items.putIfPresent;
import static com.acme.payouts.store.dynamodb.Items.s;
import static com.acme.payouts.store.dynamodb.Items.str;
import static com.acme.payouts.store.dynamodb.Items.time;

import com.acme.payouts.namecheck.NameCheck;
import com.acme.payouts.namecheck.NameMatch;
import com.acme.payouts.store.NameCheckStore;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Name checks in DynamoDB: one item per payee, put on condition that none exists or the stored one is
 * older ({@code checkedAt} is a sortable UTC timestamp string), so the newer check wins on any instance.
 */
public class DynamoNameCheckStore implements NameCheckStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoNameCheckStore(DynamoDbClient dynamo, DynamoTables tables) {
        this.dynamo = dynamo;
        this.table = tables.nameChecks();
    }

    @Override
    public boolean save(NameCheck c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("payeeId", s(c.payeeId()));
        putIfPresent(item, "customerId", c.customerId());
        item.put("result", s(c.result().name()));
        putIfPresent(item, "ownerNameMasked", c.ownerNameMasked());
        if (c.feeIncGst() != null) {
            item.put("feeIncGst", AttributeValue.fromN(c.feeIncGst().toPlainString()));
        }
        putIfPresent(item, "monoovaToken", c.monoovaToken());
        item.put("checkedAt", time(c.checkedAt()));
        putIfPresent(item, "checkedById", c.checkedById());
        putIfPresent(item, "checkedByName", c.checkedByName());
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(payeeId) OR checkedAt < :at")
                    .expressionAttributeValues(Map.of(":at", time(c.checkedAt()))));
            return true;
        } catch (ConditionalCheckFailedException newerOrSame) {
            return false;
        }
    }

    @Override
    public Optional<NameCheck> find(String payeeId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("payeeId", s(payeeId)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue fee = item.get("feeIncGst");
        return Optional.of(new NameCheck(
                str(item, "payeeId"),
                str(item, "customerId"),
                NameMatch.valueOf(str(item, "result")),
                str(item, "ownerNameMasked"),
                fee == null || fee.n() == null ? null : new BigDecimal(fee.n()),
                str(item, "monoovaToken"),
                instant(item, "checkedAt"),
                str(item, "checkedById"),
                str(item, "checkedByName")));
    }
}
