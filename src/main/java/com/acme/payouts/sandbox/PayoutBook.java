package com.acme.payouts.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mAccount ledger and the register of executed payouts, behind one lock.
 *
 * <p>One lock, not finer ones, because the invariant spans both: "a reference moves money at most
 * once" needs the duplicate check, the funds check, the debit and the insert to be one atomic step,
 * and "ledger totals equal the sum over transactions" needs every credit-back to change the
 * transaction and the balance together. Each critical section is a few map operations, so 200+
 * concurrent execute calls don't contend meaningfully.
 */
final class PayoutBook {

    /** Outcome of the atomic check-and-commit. */
    enum CommitStatus {
        COMMITTED,
        /** All checks passed but the caller asked not to commit (validate, or a fault before commit). */
        WOULD_COMMIT,
        DUPLICATE,
        INSUFFICIENT_FUNDS
    }

    record CommitResult(CommitStatus status, PayoutRecord record) {}

    private static final int FIRST_TRANSACTION_ID = 1_000_001;

    private final Object lock = new Object();
    private final SydneyTime time;
    private final BigDecimal openingBalance;
    private final AtomicInteger transactionIds = new AtomicInteger(FIRST_TRANSACTION_ID);
    private final Map<String, AtomicInteger> executeCallsByReference = new ConcurrentHashMap<>();
    private final AtomicInteger executeCalls = new AtomicInteger();
    private final AtomicInteger duplicateExecutes = new AtomicInteger();

    // Guarded by lock
    private BigDecimal availableToDebit;
    private BigDecimal totalDebited = Money.ZERO;
    private BigDecimal totalCredited = Money.ZERO;
    private BigDecimal feesCharged = BigDecimal.ZERO;
    private final Map<String, PayoutRecord> byReference = new HashMap<>();
    private final List<PayoutRecord> records = new ArrayList<>();

    PayoutBook(BigDecimal openingBalance, SydneyTime time) {
        this.openingBalance = Money.normalise(openingBalance);
        this.availableToDebit = this.openingBalance;
        this.time = time;
    }

    /**
     * Counts an execute request and returns its attempt number for the reference (1 for the
     * first). Requests without a reference share one counter.
     */
    int recordExecuteCall(String uniqueReference) {
        executeCalls.incrementAndGet();
        String key = uniqueReference == null ? "" : uniqueReference;
        return executeCallsByReference.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    int executeCalls(String uniqueReference) {
        AtomicInteger count = executeCallsByReference.get(uniqueReference == null ? "" : uniqueReference);
        return count == null ? 0 : count.get();
    }

    /**
     * Runs the duplicate and funds checks and, if {@code commit} is true and both pass, debits the
     * mAccount and registers the payout, all as one atomic step.
     *
     * @param webhookFault how the payout's final webhook misbehaves; stored with the payout
     * @param countDuplicate true for execute (counts towards {@code duplicateExecutes}), false for validate
     */
    CommitResult commit(
            PayoutInstruction instruction, boolean commit, WebhookFault webhookFault, boolean countDuplicate) {
        synchronized (lock) {
            String reference = instruction.uniqueReference();
            if (reference != null && byReference.containsKey(reference)) {
                if (countDuplicate) {
                    duplicateExecutes.incrementAndGet();
                }
                return new CommitResult(CommitStatus.DUPLICATE, null);
            }
            if (instruction.amount().compareTo(availableToDebit) > 0) {
                return new CommitResult(CommitStatus.INSUFFICIENT_FUNDS, null);
            }
            if (!commit) {
                return new CommitResult(CommitStatus.WOULD_COMMIT, null);
            }
            Fee fee = Fee.of(instruction.method());
            PayoutRecord record = new PayoutRecord(
                    transactionIds.getAndIncrement(), instruction, time.now(), fee, webhookFault);
            availableToDebit = availableToDebit.subtract(instruction.amount());
            totalDebited = totalDebited.add(instruction.amount());
            // The fee account is separate, so fees never touch availableToDebit
            feesCharged = feesCharged.add(fee.includingGst());
            if (reference != null) {
                byReference.put(reference, record);
            }
            records.add(record);
            return new CommitResult(CommitStatus.COMMITTED, record);
        }
    }

    /** Pending → Complete; empty if the payout is no longer Pending. */
    Optional<PayoutOutcome> complete(PayoutRecord record) {
        synchronized (lock) {
            if (record.status != SandboxTransaction.Status.PENDING) {
                return Optional.empty();
            }
            Instant now = time.now();
            record.status = SandboxTransaction.Status.COMPLETE;
            record.finishedAt = now;
            return Optional.of(new PayoutOutcome(record, record.snapshot(time), now, 0, null));
        }
    }

    /** Pending → Rejected, crediting the amount back; empty if the payout is no longer Pending. */
    Optional<PayoutOutcome> reject(PayoutRecord record, String reason) {
        synchronized (lock) {
            if (record.status != SandboxTransaction.Status.PENDING) {
                return Optional.empty();
            }
            Instant now = time.now();
            record.status = SandboxTransaction.Status.REJECTED;
            record.finishedAt = now;
            record.rejectionReason = reason;
            creditBack(record);
            return Optional.of(new PayoutOutcome(record, record.snapshot(time), now, nextTransactionId(), reason));
        }
    }

    /** Complete → returned, crediting the amount back; empty unless Complete and not yet returned. */
    Optional<PayoutOutcome> markReturned(PayoutRecord record, String reason) {
        synchronized (lock) {
            if (record.status != SandboxTransaction.Status.COMPLETE || record.returned) {
                return Optional.empty();
            }
            Instant now = time.now();
            record.returned = true;
            record.returnReason = reason;
            creditBack(record);
            return Optional.of(new PayoutOutcome(record, record.snapshot(time), now, nextTransactionId(), reason));
        }
    }

    private void creditBack(PayoutRecord record) {
        record.moneyMoved = false;
        availableToDebit = availableToDebit.add(record.instruction.amount());
        totalDebited = totalDebited.subtract(record.instruction.amount());
    }

    void credit(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        BigDecimal cents = Money.normalise(amount);
        synchronized (lock) {
            availableToDebit = availableToDebit.add(cents);
            totalCredited = totalCredited.add(cents);
        }
    }

    Optional<PayoutRecord> find(String uniqueReference) {
        synchronized (lock) {
            return Optional.ofNullable(byReference.get(uniqueReference));
        }
    }

    Optional<SandboxTransaction> transaction(String uniqueReference) {
        synchronized (lock) {
            return Optional.ofNullable(byReference.get(uniqueReference)).map(r -> r.snapshot(time));
        }
    }

    List<SandboxTransaction> transactions() {
        synchronized (lock) {
            List<SandboxTransaction> snapshots = new ArrayList<>(records.size());
            for (PayoutRecord record : records) {
                snapshots.add(record.snapshot(time));
            }
            return List.copyOf(snapshots);
        }
    }

    SandboxTransaction snapshot(PayoutRecord record) {
        synchronized (lock) {
            return record.snapshot(time);
        }
    }

    /** A transaction of the statement of one day: completed payouts executed that day, with their fees. */
    record StatementLine(String uniqueReference, int transactionId, Instant executedAt, BigDecimal amount, Fee fee) {}

    /** {@code /reports/v1/statement/{date}}: the payouts executed on that Sydney day that completed (returned or not). */
    List<StatementLine> statement(java.time.LocalDate day) {
        synchronized (lock) {
            List<StatementLine> lines = new ArrayList<>();
            for (PayoutRecord r : records) {
                if (r.status == SandboxTransaction.Status.COMPLETE && time.date(r.createdAt).equals(day)) {
                    lines.add(new StatementLine(r.uniqueReference(), r.transactionId, r.createdAt, r.instruction.amount(), r.fee));
                }
            }
            return lines;
        }
    }

    /** {@code /financial/v2/status/{startDate}/{endDate}}: the payouts executed on Sydney days in [from, to]. */
    List<SandboxTransaction> executedBetween(java.time.LocalDate from, java.time.LocalDate to) {
        synchronized (lock) {
            List<SandboxTransaction> found = new ArrayList<>();
            for (PayoutRecord r : records) {
                java.time.LocalDate day = time.date(r.createdAt);
                if (!day.isBefore(from) && !day.isAfter(to)) {
                    found.add(r.snapshot(time));
                }
            }
            return found;
        }
    }

    LedgerSnapshot ledger() {
        synchronized (lock) {
            return new LedgerSnapshot(
                    openingBalance,
                    availableToDebit,
                    totalDebited,
                    totalCredited,
                    feesCharged,
                    executeCalls.get(),
                    duplicateExecutes.get(),
                    records.size());
        }
    }

    private int nextTransactionId() {
        return transactionIds.getAndIncrement();
    }
}
