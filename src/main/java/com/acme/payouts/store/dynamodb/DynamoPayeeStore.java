package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.*;

import com.acme.payouts.payee.MaskedDestination;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeType;
import com.acme.payouts.payee.crypto.SealedPayee;
import com.acme.payouts.store.InvalidCursorException;
import com.acme.payouts.store.Page;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.StoredPayee;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Payees in DynamoDB (ADR 0010), three kinds of item in the payees table, all keyed by {@code id}:
 *
 * <ul>
 *   <li>the head, {@code id = pe_…}: owner, current {@code version}, masked facts, {@code blindIndex}; only heads
 *       carry {@code customerId}, so the {@code by-customer-created} index lists heads only;
 *   <li>one item per version, {@code id = pe_…#v<n>}: that version's masked facts, {@code kekId}, the wrapped data
 *       key and the ciphertext as separate binary attributes (a crypto-shred removes only the key), and the owner as
 *       {@code ownerCustomerId} so the payout-submit route reads a version with one GetItem;
 *   <li>the blind index claim, {@code id = bidx#<index>} naming the payee: written in the same transaction as the
 *       head with {@code attribute_not_exists}, so one customer can't hold the same destination twice.
 * </ul>
 *
 * <p>Heads written before versions existed carry version 1's sealed attributes themselves; they are read as
 * version 1, re-wrapped and shredded where they are.
 */
public class DynamoPayeeStore implements PayeeStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX_PREFIX = "bidx#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPayeeStore(DynamoDbClient dynamo, DynamoTables tables) {
        this.dynamo = dynamo;
        this.table = tables.payees();
    }

    /** The key of a version item, as the payout-submit route's GetItem asks for it. */
    public static String versionKey(String payeeId, int version) {
        return payeeId + "#v" + version;
    }

    @Override
    public WriteResult insert(StoredPayee stored, String blindIndex) {
        Payee p = stored.payee();
        Map<String, AttributeValue> head = head(p);
        head.put("blindIndex", s(blindIndex));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    put(head),
                    put(versionItem(stored)),
                    put(Map.of("id", s(INDEX_PREFIX + blindIndex), "payeeId", s(p.id())))));
            return new Written();
        } catch (TransactionCanceledException cancelled) {
            Optional<String> owner = indexOwner(blindIndex);
            if (owner.isPresent() && !owner.get().equals(p.id())) {
                return new Duplicate(owner.get());
            }
            if (get(p.id()).isPresent()) {
                return new IdTaken();
            }
            throw cancelled;
        }
    }

    @Override
    public Optional<StoredPayee> find(String id) {
        return get(id).flatMap(head -> {
            int version = version(head);
            Optional<StoredPayee> current = findVersion(id, version);
            // A head is only ever visible with its current version present, except for a half-finished delete.
            return current.map(v -> new StoredPayee(payee(head), v.sealed()));
        });
    }

    @Override
    public Optional<StoredPayee> findVersion(String id, int version) {
        Optional<Map<String, AttributeValue>> item = get(versionKey(id, version));
        if (item.isPresent()) {
            return Optional.ofNullable(fromVersionItem(item.get()));
        }
        if (version == 1) {
            // A head from before versions: version 1 is sealed on the head itself.
            return get(id).filter(h -> h.containsKey("wrappedDataKey")).map(h -> new StoredPayee(payee(h), sealed(h)));
        }
        return Optional.empty();
    }

    @Override
    public Page<Payee> listByCustomer(String customerId, int limit, String cursor) {
        Map<String, AttributeValue> start = decodeCursor(cursor, customerId);
        List<Payee> items = new ArrayList<>();
        boolean more;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse response = dynamo.query(q -> q.tableName(table)
                    .indexName(DynamoTables.BY_CUSTOMER_CREATED_AT)
                    .keyConditionExpression("customerId = :c")
                    .expressionAttributeValues(Map.of(":c", s(customerId)))
                    .scanIndexForward(false)
                    .limit(limit + 1)
                    .exclusiveStartKey(exclusiveStart));
            response.items().forEach(i -> items.add(payee(i)));
            more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            start = more ? response.lastEvaluatedKey() : null;
        } while (more && items.size() <= limit);
        if (items.size() > limit) {
            Payee last = items.get(limit - 1);
            return new Page<>(new ArrayList<>(items.subList(0, limit)), encodeCursor(last));
        }
        return new Page<>(items, null);
    }

    @Override
    public WriteResult addVersion(StoredPayee next, int expectedVersion, String blindIndex) {
        Payee p = next.payee();
        Optional<Map<String, AttributeValue>> head = get(p.id());
        if (head.isEmpty() || version(head.get()) != expectedVersion) {
            return new VersionConflict();
        }
        String oldIndex = str(head.get(), "blindIndex");
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":v", n(p.version()));
        values.put(":e", n(expectedVersion));
        values.put(":type", s(p.type().name()));
        values.put(":masked", s(masked(p)));
        values.put(":de", AttributeValue.fromBool(p.directEntryEligible()));
        values.put(":bi", s(blindIndex));
        String condition = expectedVersion == 1
                ? "attribute_exists(id) AND (version = :e OR attribute_not_exists(version))"
                : "version = :e";
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                        .key(Map.of("id", s(p.id())))
                        .updateExpression("SET version = :v, #t = :type, masked = :masked, deEligible = :de, blindIndex = :bi")
                        .conditionExpression(condition)
                        .expressionAttributeNames(Map.of("#t", "type"))
                        .expressionAttributeValues(values))
                .build());
        writes.add(put(versionItem(next)));
        if (!blindIndex.equals(oldIndex)) {
            if (oldIndex != null) {
                writes.add(TransactWriteItem.builder()
                        .delete(d -> d.tableName(table).key(Map.of("id", s(INDEX_PREFIX + oldIndex))))
                        .build());
            }
            writes.add(put(Map.of("id", s(INDEX_PREFIX + blindIndex), "payeeId", s(p.id()))));
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
            return new Written();
        } catch (TransactionCanceledException cancelled) {
            Optional<String> owner = indexOwner(blindIndex);
            if (owner.isPresent() && !owner.get().equals(p.id())) {
                return new Duplicate(owner.get());
            }
            return new VersionConflict();
        }
    }

    @Override
    public boolean delete(String id) {
        Optional<Map<String, AttributeValue>> head = get(id);
        if (head.isEmpty()) {
            return false;
        }
        // Keys first: whatever happens after, no version of this payee can be opened again.
        for (int v = 1; v <= version(head.get()); v++) {
            try {
                String key = versionKey(id, v);
                dynamo.updateItem(u -> u.tableName(table)
                        .key(Map.of("id", s(key)))
                        .updateExpression("REMOVE wrappedDataKey, kekId SET shreddedAt = :now")
                        .conditionExpression("attribute_exists(id)")
                        .expressionAttributeValues(Map.of(":now", time(java.time.Instant.now()))));
            } catch (ConditionalCheckFailedException legacyVersionOne) {
                // Version 1 of a head from before versions is sealed on the head, deleted below.
            }
        }
        String index = str(head.get(), "blindIndex");
        if (index != null) {
            try {
                dynamo.deleteItem(d -> d.tableName(table)
                        .key(Map.of("id", s(INDEX_PREFIX + index)))
                        .conditionExpression("payeeId = :p")
                        .expressionAttributeValues(Map.of(":p", s(id))));
            } catch (ConditionalCheckFailedException notOurs) {
                // Already released (a repeated delete); never remove another payee's claim.
            }
        }
        dynamo.deleteItem(d -> d.tableName(table).key(Map.of("id", s(id))));
        return true;
    }

    @Override
    public List<SealedVersion> wrappedNotUnder(String kekId, int limit) {
        List<SealedVersion> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = dynamo.scan(scanWrapped("kekId <> :k", kekId, start, false));
            for (Map<String, AttributeValue> item : page.items()) {
                if (found.size() == limit) {
                    return found;
                }
                boolean versionItem = item.containsKey("payeeId");
                found.add(new SealedVersion(
                        versionItem ? str(item, "payeeId") : str(item, "id"),
                        versionItem ? num(item, "version").intValue() : 1,
                        sealed(item)));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && found.size() < limit);
        return found;
    }

    @Override
    public long[] countWrapped(String kekId) {
        return new long[] {count(null, kekId), count("kekId = :k", kekId)};
    }

    @Override
    public boolean rewrap(SealedVersion current, SealedPayee rewrapped) {
        if (rewrapItem(versionKey(current.payeeId(), current.version()), current, rewrapped)) {
            return true;
        }
        return current.version() == 1 && rewrapItem(current.payeeId(), current, rewrapped);
    }

    private boolean rewrapItem(String key, SealedVersion current, SealedPayee rewrapped) {
        try {
            dynamo.updateItem(u -> u.tableName(table)
                    .key(Map.of("id", s(key)))
                    .updateExpression("SET kekId = :nk, wrappedDataKey = :nw")
                    .conditionExpression("kekId = :ok AND wrappedDataKey = :ow")
                    .expressionAttributeValues(Map.of(
                            ":nk", s(rewrapped.kekId()),
                            ":nw", b(rewrapped.wrappedDataKey()),
                            ":ok", s(current.sealed().kekId()),
                            ":ow", b(current.sealed().wrappedDataKey()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    private long count(String extraFilter, String kekId) {
        long total = 0;
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = dynamo.scan(scanWrapped(extraFilter, kekId, start, true));
            total += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }

    private ScanRequest scanWrapped(String extraFilter, String kekId, Map<String, AttributeValue> start, boolean count) {
        ScanRequest.Builder scan = ScanRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .exclusiveStartKey(start);
        if (extraFilter == null) {
            scan.filterExpression("attribute_exists(wrappedDataKey)");
        } else {
            scan.filterExpression("attribute_exists(wrappedDataKey) AND " + extraFilter)
                    .expressionAttributeValues(Map.of(":k", s(kekId)));
        }
        if (count) {
            scan.select(Select.COUNT);
        }
        return scan.build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"))
                .build();
    }

    private Optional<Map<String, AttributeValue>> get(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Map.of("id", s(id))).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private Optional<String> indexOwner(String blindIndex) {
        return get(INDEX_PREFIX + blindIndex).map(i -> str(i, "payeeId"));
    }

    private static Map<String, AttributeValue> head(Payee p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(p.id()));
        item.put("customerId", s(p.customerId()));
        item.put("type", s(p.type().name()));
        item.put("masked", s(masked(p)));
        item.put("deEligible", AttributeValue.fromBool(p.directEntryEligible()));
        item.put("createdAt", time(p.createdAt()));
        item.put("version", n(p.version()));
        item.put("destinationSince", time(p.destinationSince()));
        return item;
    }

    private static Map<String, AttributeValue> versionItem(StoredPayee stored) {
        Payee p = stored.payee();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(versionKey(p.id(), p.version())));
        item.put("payeeId", s(p.id()));
        item.put("version", n(p.version()));
        item.put("ownerCustomerId", s(p.customerId()));
        item.put("payeeCreatedAt", time(p.createdAt()));
        item.put("destinationSince", time(p.destinationSince()));
        item.put("type", s(p.type().name()));
        item.put("masked", s(masked(p)));
        item.put("deEligible", AttributeValue.fromBool(p.directEntryEligible()));
        item.put("kekId", s(stored.sealed().kekId()));
        item.put("wrappedDataKey", b(stored.sealed().wrappedDataKey()));
        item.put("ciphertext", b(stored.sealed().ciphertext()));
        return item;
    }

    /**
     * Reads a version item (also used by the aws2-ddb payee lookup in payout-submit); null if its data key was
     * destroyed (the payee was deleted).
     */
    public static StoredPayee fromVersionItem(Map<String, AttributeValue> item) {
        if (!item.containsKey("wrappedDataKey")) {
            return null;
        }
        try {
            Payee payee = new Payee(
                    str(item, "payeeId"),
                    str(item, "ownerCustomerId"),
                    PayeeType.valueOf(str(item, "type")),
                    JSON.readValue(str(item, "masked"), MaskedDestination.class),
                    Boolean.TRUE.equals(item.get("deEligible").bool()),
                    instant(item, "payeeCreatedAt"),
                    num(item, "version").intValue(),
                    item.containsKey("destinationSince") ? instant(item, "destinationSince") : instant(item, "payeeCreatedAt"));
            return new StoredPayee(payee, sealed(item));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read masked payee", e);
        }
    }

    private static Payee payee(Map<String, AttributeValue> head) {
        try {
            return new Payee(
                    str(head, "id"),
                    str(head, "customerId"),
                    PayeeType.valueOf(str(head, "type")),
                    JSON.readValue(str(head, "masked"), MaskedDestination.class),
                    Boolean.TRUE.equals(head.get("deEligible").bool()),
                    instant(head, "createdAt"),
                    version(head),
                    head.containsKey("destinationSince") ? instant(head, "destinationSince") : instant(head, "createdAt"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read masked payee", e);
        }
    }

    private static SealedPayee sealed(Map<String, AttributeValue> item) {
        return new SealedPayee(str(item, "kekId"), bytes(item, "wrappedDataKey"), bytes(item, "ciphertext"));
    }

    private static int version(Map<String, AttributeValue> head) {
        Long version = num(head, "version");
        return version == null ? 1 : version.intValue();
    }

    private static String masked(Payee p) {
        try {
            return JSON.writeValueAsString(p.masked());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise masked payee", e);
        }
    }

    private static String encodeCursor(Payee last) {
        String raw = last.id() + "|" + time(last.createdAt()).s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decodeCursor(String cursor, String customerId) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            if (parts.length != 2 || !parts[0].startsWith("pe_")) {
                throw new IllegalArgumentException();
            }
            java.time.Instant.from(java.time.format.DateTimeFormatter.ISO_INSTANT.parse(parts[1]));
            return Map.of("id", s(parts[0]), "createdAt", s(parts[1]), "customerId", s(customerId));
        } catch (RuntimeException e) {
            throw new InvalidCursorException();
        }
    }
}
