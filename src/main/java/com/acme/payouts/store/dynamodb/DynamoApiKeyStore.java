package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.*;

import com.acme.payouts.security.ApiKey;
import com.acme.payouts.security.Role;
import com.acme.payouts.store.ApiKeyStore;
import com.acme.payouts.store.ConcurrentUpdateException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * API keys in DynamoDB: insert conditional on {@code attribute_not_exists(id)}, updates conditional on
 * the version read. Only salts and HMACs of secrets are stored. Listing is a scan: keys are few.
 */
public class DynamoApiKeyStore implements ApiKeyStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoApiKeyStore(DynamoDbClient dynamo, DynamoTables tables) {
        this.dynamo = dynamo;
        this.table = tables.apiKeys();
    }

    @Override
    public boolean insert(ApiKey key) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(key)).conditionExpression("attribute_not_exists(id)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<ApiKey> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("id", s(id))).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(key(item));
    }

    @Override
    public void update(ApiKey key, long expectedVersion) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item(key))
                    .conditionExpression("attribute_exists(id) AND version = :expected")
                    .expressionAttributeValues(Map.of(":expected", n(expectedVersion))));
        } catch (ConditionalCheckFailedException lost) {
            throw new ConcurrentUpdateException(key.id(), expectedVersion);
        }
    }

    @Override
    public List<ApiKey> list() {
        List<ApiKey> keys = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(i -> keys.add(key(i)));
        keys.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id));
        return keys;
    }

    private static Map<String, AttributeValue> item(ApiKey k) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(k.id()));
        item.put("name", s(k.name()));
        // Lists, not string sets: DynamoDB refuses empty sets.
        item.put("roles", AttributeValue.fromL(k.roles().stream().map(Role::value).sorted().map(Items::s).toList()));
        item.put("customers", AttributeValue.fromL(k.customers().stream().sorted().map(Items::s).toList()));
        item.put("salt", b(k.salt()));
        item.put("secretHash", b(k.secretHash()));
        if (k.previousSalt() != null) {
            item.put("previousSalt", b(k.previousSalt()));
            item.put("previousHash", b(k.previousHash()));
        }
        if (k.previousValidUntil() != null) {
            item.put("previousValidUntil", time(k.previousValidUntil()));
        }
        if (k.perRequestLimit() != null) {
            item.put("perRequestLimit", s(k.perRequestLimit().toPlainString()));
        }
        if (k.dailyLimit() != null) {
            item.put("dailyLimit", s(k.dailyLimit().toPlainString()));
        }
        item.put("createdBy", s(k.createdBy()));
        item.put("createdAt", time(k.createdAt()));
        if (k.rotatedAt() != null) {
            item.put("rotatedAt", time(k.rotatedAt()));
        }
        if (k.revokedAt() != null) {
            item.put("revokedAt", time(k.revokedAt()));
        }
        item.put("version", n(k.version()));
        return item;
    }

    private static ApiKey key(Map<String, AttributeValue> item) {
        return new ApiKey(
                str(item, "id"),
                str(item, "name"),
                list(item, "roles").stream().map(r -> Role.of(r).orElseThrow()).collect(Collectors.toSet()),
                Set.copyOf(list(item, "customers")),
                bytes(item, "salt"),
                bytes(item, "secretHash"),
                bytes(item, "previousSalt"),
                bytes(item, "previousHash"),
                instant(item, "previousValidUntil"),
                decimal(item, "perRequestLimit"),
                decimal(item, "dailyLimit"),
                str(item, "createdBy"),
                instant(item, "createdAt"),
                instant(item, "rotatedAt"),
                instant(item, "revokedAt"),
                num(item, "version"));
    }

    private static List<String> list(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    private static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : new BigDecimal(v);
    }
}
