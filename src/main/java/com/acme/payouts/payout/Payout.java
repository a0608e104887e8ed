package com.acme.payouts.payout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The payout aggregate: what was asked for, where it stands, and how it got there.
 *
 * <p>Immutable; every change returns a copy with {@code version + 1} so a store can write it with
 * compare-and-set on the version it was read at. The payee is held only by id and masked summary:
 * the destination itself stays in the payee vault.
 *
 * @param monoovaReference the {@code uniqueReference} sent to Monoova; fixed at creation so every
 *     attempt for this payout carries the same one
 */
public record Payout(
        String id,
        String idempotencyKey,
        String requestFingerprint,
        String source,
        String customerId,
        String payeeId,
        String payeeMasked,
        Money amount,
        PayoutMethod method,
        String reference,
        String monoovaReference,
        PayoutStatus status,
        long version,
        Long monoovaTransactionId,
        String failureReason,
        int submitAttempts,
        Instant createdAt,
        Instant updatedAt,
        List<Transition> history) {

    public Payout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amount, "amount");
        history = List.copyOf(history);
    }

    /** A new payout in {@link PayoutStatus#RECEIVED}. */
    public static Payout received(
            String id,
            String idempotencyKey,
            String requestFingerprint,
            String source,
            String customerId,
            String payeeId,
            String payeeMasked,
            Money amount,
            PayoutMethod method,
            String reference,
            Instant now) {
        return new Payout(
                id,
                idempotencyKey,
                requestFingerprint,
                source,
                customerId,
                payeeId,
                payeeMasked,
                amount,
                method,
                reference,
                PayoutIds.monoovaReference(id),
                PayoutStatus.RECEIVED,
                1,
                null,
                null,
                0,
                now,
                now,
                List.of(new Transition(null, PayoutStatus.RECEIVED, null, now, "accepted from " + source)));
    }

    /** Whether {@code event} is legal from the current status. */
    public boolean accepts(PayoutEvent event) {
        return PayoutStateMachine.next(status, event).isPresent();
    }

    /**
     * Applies {@code event} through the transition table.
     *
     * @throws IllegalTransitionException if the table has no such edge from the current status
     */
    public Payout apply(PayoutEvent event, Instant at, String detail) {
        PayoutStatus to = PayoutStateMachine.next(status, event)
                .orElseThrow(() -> new IllegalTransitionException(id, status, event));
        List<Transition> newHistory = new ArrayList<>(history);
        newHistory.add(new Transition(status, to, event, at, detail));
        int attempts = event == PayoutEvent.SUBMIT_STARTED ? submitAttempts + 1 : submitAttempts;
        String reason = to == PayoutStatus.FAILED || to == PayoutStatus.RETURNED ? detail : failureReason;
        return changed(to, version + 1, monoovaTransactionId, reason, attempts, at, newHistory);
    }

    /** Records Monoova's transaction id; not a status change, so the version stays for the caller's CAS. */
    public Payout withMonoovaTransactionId(Long transactionId) {
        if (transactionId == null || transactionId == 0L) {
            return this;
        }
        return changed(status, version, transactionId, failureReason, submitAttempts, updatedAt, history);
    }

    /** A copy with the fields a payout's life can change; what was asked for never changes. */
    private Payout changed(
            PayoutStatus newStatus,
            long newVersion,
            Long newTransactionId,
            String newFailureReason,
            int newSubmitAttempts,
            Instant newUpdatedAt,
            List<Transition> newHistory) {
        return new Payout(
                id,
                idempotencyKey,
                requestFingerprint,
                source,
                customerId,
                payeeId,
                payeeMasked,
                amount,
                method,
                reference,
                monoovaReference,
                newStatus,
                newVersion,
                newTransactionId,
                newFailureReason,
                newSubmitAttempts,
                createdAt,
                newUpdatedAt,
                newHistory);
    }
}
