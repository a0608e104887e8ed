package com.acme.payouts.store.dynamodb;

import com.acme.payouts.store.AuditStore;
import com.acme.payouts.store.AuditStoreContract;
import com.acme.payouts.support.MotoServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The audit store contract against DynamoDB (moto server over real HTTP). */
class DynamoAuditStoreIT extends AuditStoreContract {

    private DynamoDbClient dynamo;
    private DynamoTables tables;
    private AuditStore store;

    @BeforeEach
    void freshTables() {
        dynamo = MotoServer.shared().dynamo();
        tables = new DynamoTables("t" + UUID.randomUUID().toString().substring(0, 8) + "-");
        tables.createAll(dynamo);
        store = new DynamoAuditStore(dynamo, tables);
    }

    @Override
    protected AuditStore store() {
        return store;
    }

    private Map<String, AttributeValue> key(long seq) {
        return Map.of("chain", AttributeValue.fromS(DynamoAuditStore.CHAIN), "seq", AttributeValue.fromN(Long.toString(seq)));
    }

    @Override
    protected void tamperAfter(long seq, String newAfter) {
        dynamo.updateItem(b -> b.tableName(tables.auditLog()).key(key(seq))
                .updateExpression("SET #a = :a")
                .expressionAttributeNames(Map.of("#a", "after"))
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(newAfter))));
    }

    @Override
    protected void delete(long seq) {
        dynamo.deleteItem(b -> b.tableName(tables.auditLog()).key(key(seq)));
    }

    @Override
    protected void rewrite(long seq, String newAfter, String newHash) {
        dynamo.updateItem(b -> b.tableName(tables.auditLog()).key(key(seq))
                .updateExpression("SET #a = :a, #h = :h")
                .expressionAttributeNames(Map.of("#a", "after", "#h", "hash"))
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(newAfter), ":h", AttributeValue.fromS(newHash))));
    }
}
