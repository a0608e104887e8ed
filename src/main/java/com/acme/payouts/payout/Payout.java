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
 * @param createdBy the principal that asked for it (null only for payouts stored before that was recorded)
 * @param approvalDeadline for a payout held for approval: when the approval expires; otherwise null
 * @param decidedBy the checker who approved or rejected it, if anyone did
 * @param payeeVersion the version of the payee's destination this payout was created for; submission decrypts
 *     exactly that version, so a later change of destination never redirects it (null for payouts stored before
 *     payees had versions: their payee's version 1)
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
        List<Transition> history,
        Actor createdBy,
        Instant approvalDeadline,
        Actor decidedBy,
        Integer payeeVersion) {

    public Payout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amount, "amount");
        history = List.copyOf(history);
    }

    /** A new payout in {@link PayoutStatus#RECEIVED}, created by the principal named like its source. */
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
        return received(id, idempotencyKey, requestFingerprint, source, customerId, payeeId, payeeMasked, amount,
                method, reference, new Actor(source, source), now);
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
            Actor createdBy,
            Instant now) {
        return initial(new NewPayout(idempotencyKey, source, customerId, payeeId, payeeMasked, amount, method, reference,
                createdBy, false), id, requestFingerprint, PayoutStatus.RECEIVED, "accepted from " + source, null, now);
    }

    /**
     * A new payout held in {@link PayoutStatus#PENDING_APPROVAL} from the start: it is never in
     * RECEIVED (where the sweeper would submit it) before a checker approved it.
     */
    public static Payout pendingApproval(
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
            Actor createdBy,
            Instant deadline,
            Instant now) {
        return initial(new NewPayout(idempotencyKey, source, customerId, payeeId, payeeMasked, amount, method, reference,
                        createdBy, true), id, requestFingerprint, PayoutStatus.PENDING_APPROVAL,
                "accepted from " + source + "; held for approval until " + deadline, deadline, now);
    }

    /**
     * A new payout stored {@link PayoutStatus#HELD} from the start, because its payee's destination is
     * cooling off: it is never in RECEIVED (where a worker or the sweeper would submit it) before the
     * period has ended.
     */
    public static Payout held(
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
            Actor createdBy,
            String reason,
            Instant now) {
        return initial(new NewPayout(idempotencyKey, source, customerId, payeeId, payeeMasked, amount, method, reference,
                createdBy, false), id, requestFingerprint, PayoutStatus.HELD, "accepted from " + source + "; " + reason, null, now);
    }

    /**
     * A payout as first stored, in {@code status} (RECEIVED, PENDING_APPROVAL or HELD), with why in its
     * first transition, its own uniqueReference, and the payee version the request was made for.
     */
    static Payout initial(
            NewPayout request, String id, String requestFingerprint, PayoutStatus status, String detail,
            Instant approvalDeadline, Instant now) {
        return new Payout(
                id,
                request.idempotencyKey(),
                requestFingerprint,
                request.source(),
                request.customerId(),
                request.payeeId(),
                request.payeeMasked(),
                request.amount(),
                request.method(),
                request.reference(),
                PayoutIds.monoovaReference(id),
                status,
                1,
                null,
                null,
                0,
                now,
                now,
                List.of(new Transition(null, status, null, now, detail)),
                request.createdBy(),
                approvalDeadline,
                null,
                request.payeeVersion());
    }

    /** Why a HELD payout waits: the detail of the transition that held it; null in any other status. */
    public String holdReason() {
        if (status != PayoutStatus.HELD || history.isEmpty()) {
            return null;
        }
        return history.get(history.size() - 1).detail();
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
        return apply(event, at, detail, null);
    }

    /**
     * Applies {@code event} on behalf of {@code actor}; an approval or rejection records the actor as
     * the checker who decided.
     */
    public Payout apply(PayoutEvent event, Instant at, String detail, Actor actor) {
        PayoutStatus to = PayoutStateMachine.next(status, event)
                .orElseThrow(() -> new IllegalTransitionException(id, status, event));
        List<Transition> newHistory = new ArrayList<>(history);
        newHistory.add(new Transition(status, to, event, at, detail));
        int attempts = event == PayoutEvent.SUBMIT_STARTED ? submitAttempts + 1 : submitAttempts;
        String reason = to == PayoutStatus.FAILED || to == PayoutStatus.RETURNED || to == PayoutStatus.CANCELLED
                ? detail
                : failureReason;
        Actor checker = event == PayoutEvent.APPROVED || event == PayoutEvent.APPROVAL_REJECTED ? actor : decidedBy;
        return changed(to, version + 1, monoovaTransactionId, reason, attempts, at, newHistory, checker);
    }

    /** Records Monoova's transaction id; not a status change, so the version stays for the caller's CAS. */
    public Payout withMonoovaTransactionId(Long transactionId) {
        if (transactionId == null || transactionId == 0L) {
            return this;
        }
        return changed(status, version, transactionId, failureReason, submitAttempts, updatedAt, history, decidedBy);
    }

    /** The payee version to decrypt for this payout: the recorded one, or 1 for payouts older than versions. */
    public int payeeVersionOrFirst() {
        return payeeVersion == null ? 1 : payeeVersion;
    }

    /** A copy with the fields a payout's life can change; what was asked for never changes. */
    private Payout changed(
            PayoutStatus newStatus,
            long newVersion,
            Long newTransactionId,
            String newFailureReason,
            int newSubmitAttempts,
            Instant newUpdatedAt,
            List<Transition> newHistory,
            Actor newDecidedBy) {
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
                newHistory,
                createdBy,
                approvalDeadline,
                newDecidedBy,
                payeeVersion);
    }
}
