package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.*;

import com.acme.payouts.payee.MaskedDestination;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeType;
import com.acme.payouts.payee.crypto.SealedPayee;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.StoredPayee;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Payees in DynamoDB: masked facts as plain attributes, the wrapped data key and the ciphertext as
 * separate binary attributes (so a later crypto-shred deletes only the key).
 */
public class DynamoPayeeStore implements PayeeStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private static final ObjectMapper JSON = new ObjectMapper();

    public DynamoPayeeStore(DynamoDbClient dynamo, DynamoTables tables) {
        this.dynamo = dynamo;
        this.table = tables.payees();
    }

    @Override
    public boolean insert(StoredPayee stored) {
        Payee p = stored.payee();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(p.id()));
        item.put("customerId", s(p.customerId()));
        item.put("type", s(p.type().name()));
        try {
            item.put("masked", s(JSON.writeValueAsString(p.masked())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise masked payee", e);
        }
        item.put("deEligible", AttributeValue.fromBool(p.directEntryEligible()));
        item.put("kekId", s(stored.sealed().kekId()));
        item.put("wrappedDataKey", b(stored.sealed().wrappedDataKey()));
        item.put("ciphertext", b(stored.sealed().ciphertext()));
        item.put("createdAt", time(p.createdAt()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public Optional<StoredPayee> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Map.of("id", s(id))).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fromItem(item));
    }

    /** Reads a payees-table item (also used by the aws2-ddb payee lookup in payout-submit). */
    public static StoredPayee fromItem(Map<String, AttributeValue> item) {
        try {
            Payee payee = new Payee(
                    str(item, "id"),
                    str(item, "customerId"),
                    PayeeType.valueOf(str(item, "type")),
                    JSON.readValue(str(item, "masked"), MaskedDestination.class),
                    Boolean.TRUE.equals(item.get("deEligible").bool()),
                    instant(item, "createdAt"));
            return new StoredPayee(
                    payee, new SealedPayee(str(item, "kekId"), bytes(item, "wrappedDataKey"), bytes(item, "ciphertext")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read masked payee", e);
        }
    }
}
