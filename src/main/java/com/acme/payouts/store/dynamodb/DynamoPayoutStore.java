package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.*;

import com.acme.payouts.payout.Actor;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.payout.Transition;
import com.acme.payouts.store.ConcurrentUpdateException;
import com.acme.payouts.store.InvalidCursorException;
import com.acme.payouts.store.Page;
import com.acme.payouts.store.PayoutQuery;
import com.acme.payouts.store.PayoutStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Payouts in DynamoDB. Creation is a put conditional on {@code attribute_not_exists(id)}; every
 * change is a put conditional on the version read, so two instances can never both move a payout.
 * Global secondary indexes serve the sweeper (status, updatedAt) and the listings (createdKey).
 */
public class DynamoPayoutStore implements PayoutStore {

    private static final TypeReference<List<Transition>> HISTORY = new TypeReference<>() {};
    private static final String PARTITION = "payouts";

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public DynamoPayoutStore(DynamoDbClient dynamo, DynamoTables tables) {
        this.dynamo = dynamo;
        this.table = tables.payouts();
    }

    @Override
    public boolean insert(Payout payout) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(payout)).conditionExpression("attribute_not_exists(id)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<Payout> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("id", s(id))).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(payout(item));
    }

    @Override
    public void update(Payout updated, long expectedVersion) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item(updated))
                    .conditionExpression("attribute_exists(id) AND version = :expected")
                    .expressionAttributeValues(Map.of(":expected", n(expectedVersion))));
        } catch (ConditionalCheckFailedException lost) {
            throw new ConcurrentUpdateException(updated.id(), expectedVersion);
        }
    }

    @Override
    public List<Payout> findStale(Set<PayoutStatus> statuses, Instant before, int limit) {
        List<Payout> stale = new ArrayList<>();
        for (PayoutStatus status : statuses) {
            Map<String, AttributeValue> start = null;
            int found = 0;
            do {
                Map<String, AttributeValue> exclusiveStart = start;
                QueryResponse response = dynamo.query(b -> b.tableName(table)
                        .indexName(DynamoTables.BY_STATUS_UPDATED)
                        .keyConditionExpression("#s = :s AND updatedAt < :before")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s(status.name()), ":before", time(before)))
                        .scanIndexForward(true)
                        .limit(limit)
                        .exclusiveStartKey(exclusiveStart));
                for (Map<String, AttributeValue> item : response.items()) {
                    stale.add(payout(item));
                    found++;
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey()
                        : null;
            } while (start != null && found < limit);
        }
        stale.sort(Comparator.comparing(Payout::updatedAt));
        return stale.size() > limit ? new ArrayList<>(stale.subList(0, limit)) : stale;
    }

    @Override
    public Page<Payout> list(PayoutQuery q) {
        String index;
        String hashName;
        String hashValue;
        boolean filterStatus = false;
        if (q.customerId() != null) {
            index = DynamoTables.BY_CUSTOMER_CREATED;
            hashName = "customerId";
            hashValue = q.customerId();
            filterStatus = q.status() != null;
        } else if (q.status() != null) {
            index = DynamoTables.BY_STATUS_CREATED;
            hashName = "status";
            hashValue = q.status().name();
        } else {
            index = DynamoTables.ALL_CREATED;
            hashName = "listPartition";
            hashValue = PARTITION;
        }
        Map<String, AttributeValue> start = decodeCursor(q.cursor(), hashName, hashValue);
        List<Payout> items = new ArrayList<>();
        Map<String, String> names = new HashMap<>(Map.of("#h", hashName));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":h", s(hashValue)));
        if (filterStatus) {
            names.put("#st", "status");
            values.put(":st", s(q.status().name()));
        }
        boolean more;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .indexName(index)
                    .keyConditionExpression("#h = :h")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(q.limit() + 1)
                    .exclusiveStartKey(start);
            if (filterStatus) {
                request.filterExpression("#st = :st");
            }
            QueryResponse response = dynamo.query(request.build());
            response.items().forEach(i -> items.add(payout(i)));
            more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            start = more ? response.lastEvaluatedKey() : null;
        } while (more && items.size() <= q.limit());
        String next = null;
        if (items.size() > q.limit()) {
            Payout last = items.get(q.limit() - 1);
            next = encodeCursor(last);
            return new Page<>(new ArrayList<>(items.subList(0, q.limit())), next);
        }
        return new Page<>(items, null);
    }

    @Override
    public Map<PayoutStatus, Long> countByStatus(Set<PayoutStatus> statuses) {
        Map<PayoutStatus, Long> counts = new EnumMap<>(PayoutStatus.class);
        for (PayoutStatus status : statuses) {
            long n = 0;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> exclusiveStart = start;
                QueryResponse r = dynamo.query(b -> b.tableName(table)
                        .indexName(DynamoTables.BY_STATUS_UPDATED)
                        .keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s(status.name())))
                        .select(Select.COUNT)
                        .exclusiveStartKey(exclusiveStart));
                n += r.count();
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
            counts.put(status, n);
        }
        return counts;
    }

    private Map<String, AttributeValue> item(Payout p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(p.id()));
        item.put("idempotencyKey", s(p.idempotencyKey()));
        item.put("fingerprint", s(p.requestFingerprint()));
        item.put("source", s(p.source()));
        item.put("customerId", s(p.customerId()));
        item.put("payeeId", s(p.payeeId()));
        putIfPresent(item, "payeeMasked", p.payeeMasked());
        // As a string: DynamoDB numbers drop trailing zeros, and "12.30" must come back as 12.30.
        item.put("amount", s(p.amount().amount().toPlainString()));
        item.put("currency", s(p.amount().currency()));
        item.put("method", s(p.method().name()));
        putIfPresent(item, "reference", p.reference());
        item.put("monoovaReference", s(p.monoovaReference()));
        item.put("status", s(p.status().name()));
        item.put("version", n(p.version()));
        if (p.monoovaTransactionId() != null) {
            item.put("monoovaTransactionId", n(p.monoovaTransactionId()));
        }
        putIfPresent(item, "failureReason", p.failureReason());
        item.put("submitAttempts", n(p.submitAttempts()));
        item.put("createdAt", time(p.createdAt()));
        item.put("updatedAt", time(p.updatedAt()));
        item.put("createdKey", s(time(p.createdAt()).s() + "#" + p.id()));
        item.put("listPartition", s(PARTITION));
        if (p.createdBy() != null) {
            item.put("createdById", s(p.createdBy().id()));
            item.put("createdByName", s(p.createdBy().name()));
        }
        if (p.approvalDeadline() != null) {
            item.put("approvalDeadline", time(p.approvalDeadline()));
        }
        if (p.payeeVersion() != null) {
            item.put("payeeVersion", n(p.payeeVersion()));
        }
        if (p.decidedBy() != null) {
            item.put("decidedById", s(p.decidedBy().id()));
            item.put("decidedByName", s(p.decidedBy().name()));
        }
        try {
            item.put("history", s(json.writeValueAsString(p.history())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise payout history", e);
        }
        return item;
    }

    private Payout payout(Map<String, AttributeValue> item) {
        try {
            Long transactionId = num(item, "monoovaTransactionId");
            return new Payout(
                    str(item, "id"),
                    str(item, "idempotencyKey"),
                    str(item, "fingerprint"),
                    str(item, "source"),
                    str(item, "customerId"),
                    str(item, "payeeId"),
                    str(item, "payeeMasked"),
                    new Money(new BigDecimal(str(item, "amount")), str(item, "currency")),
                    PayoutMethod.valueOf(str(item, "method")),
                    str(item, "reference"),
                    str(item, "monoovaReference"),
                    PayoutStatus.valueOf(str(item, "status")),
                    num(item, "version"),
                    transactionId,
                    str(item, "failureReason"),
                    num(item, "submitAttempts").intValue(),
                    instant(item, "createdAt"),
                    instant(item, "updatedAt"),
                    json.readValue(str(item, "history"), HISTORY),
                    actor(item, "createdBy"),
                    instant(item, "approvalDeadline"),
                    actor(item, "decidedBy"),
                    num(item, "payeeVersion") == null ? null : num(item, "payeeVersion").intValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read payout history", e);
        }
    }

    private static Actor actor(Map<String, AttributeValue> item, String prefix) {
        String id = str(item, prefix + "Id");
        return id == null ? null : new Actor(id, str(item, prefix + "Name"));
    }

    private static String encodeCursor(Payout last) {
        String raw = last.id() + "|" + time(last.createdAt()).s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decodeCursor(String cursor, String hashName, String hashValue) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            if (parts.length != 2 || !parts[0].startsWith("po_")) {
                throw new IllegalArgumentException();
            }
            Instant.from(java.time.format.DateTimeFormatter.ISO_INSTANT.parse(parts[1]));
            return Map.of("id", s(parts[0]), "createdKey", s(parts[1] + "#" + parts[0]), hashName, s(hashValue));
        } catch (RuntimeException e) {
            throw new InvalidCursorException();
        }
    }
}
