package com.acme.payouts.store.dynamodb;

import static com.acme.payouts.store.dynamodb.Items.*;

import com.acme.payouts.funding.FundingBalance;
import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.funding.Reservation;
import com.acme.payouts.funding.ReservationState;
import com.acme.payouts.funding.ReserveResult;
import com.acme.payouts.store.ConcurrentUpdateException;
import com.acme.payouts.store.FundingStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The funding store in DynamoDB: three tables ({@code funding-balance}, {@code funding-reservations},
 * {@code funding-ledger}). Every money-moving step is one {@code TransactWriteItems} whose items are
 * all conditional: the reservation or entry on its expected state or absence, the balance on
 * {@code available >= :amount} (reservations) or on its version (adjustments). Numbers are DynamoDB
 * {@code N} values, exact decimals, never binary floating point.
 */
public class DynamoFundingStore implements FundingStore {

    static final String BALANCE_ID = "mAccount";

    private final DynamoDbClient dynamo;
    private final String balances;
    private final String reservations;
    private final String ledger;

    public DynamoFundingStore(DynamoDbClient dynamo, DynamoTables tables) {
        this.dynamo = dynamo;
        this.balances = tables.fundingBalance();
        this.reservations = tables.fundingReservations();
        this.ledger = tables.fundingLedger();
    }

    @Override
    public Optional<FundingBalance> balance() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(balances)
                        .key(Map.of("id", s(BALANCE_ID)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FundingBalance(
                dec(item, "available"),
                dec(item, "reserved"),
                dec(item, "shortfall"),
                dec(item, "monoovaAvailable"),
                instant(item, "monoovaCheckedAt"),
                num(item, "version"),
                instant(item, "updatedAt")));
    }

    @Override
    public boolean initialise(BigDecimal available, Instant at) {
        try {
            dynamo.putItem(b -> b.tableName(balances)
                    .item(Map.of(
                            "id", s(BALANCE_ID),
                            "available", d(available),
                            "reserved", d(BigDecimal.ZERO),
                            "shortfall", d(BigDecimal.ZERO),
                            "version", n(1),
                            "updatedAt", time(at)))
                    .conditionExpression("attribute_not_exists(id)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public ReserveResult reserve(String payoutId, BigDecimal amount, Instant at) {
        Optional<Reservation> existing = reservation(payoutId);
        if (existing.isPresent() && existing.get().state() != ReservationState.RELEASED) {
            return new ReserveResult(ReserveResult.Outcome.ALREADY_RESERVED, null, existing.get());
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("payoutId", s(payoutId));
        item.put("amount", d(amount));
        item.put("state", s(ReservationState.HELD.name()));
        item.put("createdAt", existing.map(r -> time(r.createdAt())).orElse(time(at)));
        item.put("updatedAt", time(at));
        TransactWriteItem putReservation = TransactWriteItem.builder()
                .put(p -> {
                    p.tableName(reservations).item(item);
                    if (existing.isPresent()) {
                        p.conditionExpression("#st = :released")
                                .expressionAttributeNames(Map.of("#st", "state"))
                                .expressionAttributeValues(Map.of(":released", s(ReservationState.RELEASED.name())));
                    } else {
                        p.conditionExpression("attribute_not_exists(payoutId)");
                    }
                })
                .build();
        TransactWriteItem debit = TransactWriteItem.builder()
                .update(u -> u.tableName(balances)
                        .key(Map.of("id", s(BALANCE_ID)))
                        .updateExpression("SET available = available - :a, reserved = reserved + :a, "
                                + "version = version + :one, updatedAt = :at")
                        .conditionExpression("attribute_exists(id) AND available >= :a")
                        .expressionAttributeValues(Map.of(":a", d(amount), ":one", n(1), ":at", time(at))))
                .build();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(putReservation, debit));
            return new ReserveResult(ReserveResult.Outcome.RESERVED, balance().map(FundingBalance::available).orElse(null), null);
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (failed(reasons, 0)) {
                return reservation(payoutId)
                        .map(r -> new ReserveResult(ReserveResult.Outcome.ALREADY_RESERVED, null, r))
                        .orElseThrow(() -> new ConcurrentUpdateException(payoutId, -1));
            }
            if (failed(reasons, 1)) {
                return balance()
                        .map(b -> new ReserveResult(ReserveResult.Outcome.INSUFFICIENT, b.available(), null))
                        .orElse(new ReserveResult(ReserveResult.Outcome.UNINITIALISED, null, null));
            }
            // Cancelled for a conflict with a concurrent transaction on the same items: try again.
            throw new ConcurrentUpdateException(payoutId, -1);
        }
    }

    @Override
    public boolean settle(String payoutId, ReservationState from, ReservationState to, Instant at) {
        Optional<Reservation> current = reservation(payoutId).filter(r -> r.state() == from);
        if (current.isEmpty()) {
            return false;
        }
        BigDecimal amount = current.get().amount();
        BigDecimal unreserve = from == ReservationState.HELD ? amount : BigDecimal.ZERO;
        BigDecimal giveBack = to == ReservationState.RELEASED || to == ReservationState.RETURNED ? amount : BigDecimal.ZERO;
        TransactWriteItem move = TransactWriteItem.builder()
                .update(u -> u.tableName(reservations)
                        .key(Map.of("payoutId", s(payoutId)))
                        .updateExpression("SET #st = :to, updatedAt = :at")
                        .conditionExpression("#st = :from")
                        .expressionAttributeNames(Map.of("#st", "state"))
                        .expressionAttributeValues(Map.of(":to", s(to.name()), ":from", s(from.name()), ":at", time(at))))
                .build();
        TransactWriteItem effect = TransactWriteItem.builder()
                .update(u -> u.tableName(balances)
                        .key(Map.of("id", s(BALANCE_ID)))
                        .updateExpression("SET available = available + :back, reserved = reserved - :un, "
                                + "version = version + :one, updatedAt = :at")
                        .conditionExpression("attribute_exists(id)")
                        .expressionAttributeValues(Map.of(
                                ":back", d(giveBack), ":un", d(unreserve), ":one", n(1), ":at", time(at))))
                .build();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(move, effect));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (failed(cancelled.cancellationReasons(), 0)) {
                return false;
            }
            throw new ConcurrentUpdateException(payoutId, -1);
        }
    }

    @Override
    public boolean record(LedgerEntry e) {
        boolean credit = e.kind() == LedgerEntry.Kind.CREDIT;
        TransactWriteItem put = putEntry(e);
        // Without a balance yet, the credit is part of the opening balance read from Monoova later.
        if (!credit || balance().isEmpty()) {
            try {
                dynamo.putItem(toPutRequest(put));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        }
        TransactWriteItem add = TransactWriteItem.builder()
                .update(u -> u.tableName(balances)
                        .key(Map.of("id", s(BALANCE_ID)))
                        .updateExpression("SET available = available + :a, version = version + :one, updatedAt = :at")
                        .conditionExpression("attribute_exists(id)")
                        .expressionAttributeValues(Map.of(":a", d(e.amount()), ":one", n(1), ":at", time(e.recordedAt()))))
                .build();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(put, add));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (failed(cancelled.cancellationReasons(), 0)) {
                return false;
            }
            throw new ConcurrentUpdateException(e.id(), -1);
        }
    }

    @Override
    public void adjust(LedgerEntry adjustment, BigDecimal shortfallDelta, long expectedVersion) {
        if (adjustment.kind() != LedgerEntry.Kind.ADJUSTMENT) {
            throw new IllegalArgumentException("not an adjustment: " + adjustment.kind());
        }
        TransactWriteItem apply = TransactWriteItem.builder()
                .update(u -> u.tableName(balances)
                        .key(Map.of("id", s(BALANCE_ID)))
                        .updateExpression("SET available = available + :a, shortfall = shortfall + :sf, "
                                + "version = version + :one, updatedAt = :at")
                        .conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(
                                ":a", d(adjustment.amount()),
                                ":sf", d(shortfallDelta),
                                ":one", n(1),
                                ":at", time(adjustment.recordedAt()),
                                ":expected", n(expectedVersion))))
                .build();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(apply, putEntry(adjustment)));
        } catch (TransactionCanceledException cancelled) {
            throw new ConcurrentUpdateException(BALANCE_ID, expectedVersion);
        }
    }

    @Override
    public void observeMonoova(BigDecimal availableToDebit, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(balances)
                    .key(Map.of("id", s(BALANCE_ID)))
                    .updateExpression("SET monoovaAvailable = :m, monoovaCheckedAt = :at")
                    .conditionExpression("attribute_exists(id)")
                    .expressionAttributeValues(Map.of(":m", AttributeValue.fromN(availableToDebit.toPlainString()), ":at", time(at))));
        } catch (ConditionalCheckFailedException noBalanceYet) {
            // nothing to annotate
        }
    }

    @Override
    public Optional<Reservation> reservation(String payoutId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(reservations)
                        .key(Map.of("payoutId", s(payoutId)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(reservation(item));
    }

    @Override
    public List<Reservation> reservations(ReservationState state, int limit) {
        List<Reservation> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse response = dynamo.query(b -> b.tableName(reservations)
                    .indexName(DynamoTables.BY_STATE_CREATED)
                    .keyConditionExpression("#st = :st")
                    .expressionAttributeNames(Map.of("#st", "state"))
                    .expressionAttributeValues(Map.of(":st", s(state.name())))
                    .scanIndexForward(true)
                    .limit(limit)
                    .exclusiveStartKey(exclusiveStart));
            response.items().forEach(i -> found.add(reservation(i)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && found.size() < limit);
        return found.size() > limit ? new ArrayList<>(found.subList(0, limit)) : found;
    }

    @Override
    public Optional<LedgerEntry> entry(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(ledger)
                        .key(Map.of("entryId", s(id)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entry(item));
    }

    @Override
    public List<LedgerEntry> entries(LocalDate from, LocalDate to) {
        List<LedgerEntry> found = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            String dayKey = day.toString();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> exclusiveStart = start;
                QueryResponse response = dynamo.query(b -> b.tableName(ledger)
                        .indexName(DynamoTables.BY_DAY_OCCURRED)
                        .keyConditionExpression("#d = :d")
                        .expressionAttributeNames(Map.of("#d", "day"))
                        .expressionAttributeValues(Map.of(":d", s(dayKey)))
                        .scanIndexForward(true)
                        .exclusiveStartKey(exclusiveStart));
                response.items().forEach(i -> found.add(entry(i)));
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return found;
    }

    private TransactWriteItem putEntry(LedgerEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("entryId", s(e.id()));
        item.put("kind", s(e.kind().name()));
        item.put("source", s(e.source()));
        putIfPresent(item, "monoovaTransactionId", e.monoovaTransactionId());
        item.put("amount", d(e.amount()));
        putIfPresent(item, "batchId", e.batchId());
        putIfPresent(item, "reference", e.reference());
        item.put("day", s(e.day().toString()));
        item.put("occurredAt", time(e.occurredAt()));
        item.put("recordedAt", time(e.recordedAt()));
        putIfPresent(item, "detail", e.detail());
        return TransactWriteItem.builder()
                .put(p -> p.tableName(ledger).item(item).conditionExpression("attribute_not_exists(entryId)"))
                .build();
    }

    private static PutItemRequest toPutRequest(TransactWriteItem put) {
        var p = put.put();
        return PutItemRequest.builder()
                .tableName(p.tableName())
                .item(p.item())
                .conditionExpression(p.conditionExpression())
                .build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static Reservation reservation(Map<String, AttributeValue> item) {
        return new Reservation(
                str(item, "payoutId"),
                dec(item, "amount"),
                ReservationState.valueOf(str(item, "state")),
                instant(item, "createdAt"),
                instant(item, "updatedAt"));
    }

    private static LedgerEntry entry(Map<String, AttributeValue> item) {
        return new LedgerEntry(
                str(item, "entryId"),
                LedgerEntry.Kind.valueOf(str(item, "kind")),
                str(item, "source"),
                str(item, "monoovaTransactionId"),
                dec(item, "amount"),
                str(item, "batchId"),
                str(item, "reference"),
                LocalDate.parse(str(item, "day")),
                instant(item, "occurredAt"),
                instant(item, "recordedAt"),
                str(item, "detail"));
    }

    /** An exact decimal with two places. */
    private static AttributeValue d(BigDecimal amount) {
        return AttributeValue.fromN(amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString());
    }

    private static BigDecimal dec(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.n() == null) {
            return null;
        }
        BigDecimal value = new BigDecimal(v.n());
        return value.scale() < 2 ? value.setScale(2, RoundingMode.UNNECESSARY) : value;
    }
}
