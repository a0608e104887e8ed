package com.acme.payouts.payout;

import static com.acme.payouts.payout.PayoutEvent.*;
import static com.acme.payouts.payout.PayoutStatus.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of legal payout transitions. Every status change in the service goes through
 * {@link #next}; anything not listed here is refused, which is what makes late, duplicate and
 * reordered events harmless.
 */
public final class PayoutStateMachine {

    private static final Map<PayoutStatus, Map<PayoutEvent, PayoutStatus>> TABLE = new EnumMap<>(PayoutStatus.class);

    static {
        edge(RECEIVED, SUBMIT_STARTED, SUBMITTING);
        edge(RECEIVED, SUBMISSION_REFUSED, FAILED);
        // The funds check comes before the claim: a payout that cannot be covered never reaches
        // SUBMITTING, and waits (unsent, nothing reserved) until funding releases it, oldest first.
        edge(RECEIVED, FUNDS_SHORT, AWAITING_FUNDS);
        edge(AWAITING_FUNDS, FUNDS_RESERVED, RECEIVED);
        // Monoova's word about the payout's uniqueReference proves it was received, even when a status
        // lookup had found nothing and sent the payout back here (a lookup can overtake an execute that
        // is still on its way): take it, so the claim below can no longer send the reference again.
        edge(RECEIVED, MONOOVA_ACCEPTED, SUBMITTED);
        edge(RECEIVED, PAYMENT_COMPLETED, COMPLETED);
        edge(RECEIVED, PAYMENT_REJECTED, FAILED);

        edge(SUBMITTING, MONOOVA_ACCEPTED, SUBMITTED);
        // A webhook or status lookup can overtake the execute response.
        edge(SUBMITTING, PAYMENT_COMPLETED, COMPLETED);
        edge(SUBMITTING, PAYMENT_REJECTED, FAILED);
        edge(SUBMITTING, OUTCOME_UNKNOWN, UNKNOWN);
        // Claimed, then found unpayable before any call (e.g. the payee was removed meanwhile).
        edge(SUBMITTING, SUBMISSION_REFUSED, FAILED);
        // Monoova refused execute for lack of funds (a configured code): nothing was executed, so the
        // payout waits for funds instead of failing, and keeps its uniqueReference.
        edge(SUBMITTING, FUNDS_SHORT, AWAITING_FUNDS);

        edge(SUBMITTED, PAYMENT_COMPLETED, COMPLETED);
        edge(SUBMITTED, PAYMENT_REJECTED, FAILED);

        edge(UNKNOWN, MONOOVA_ACCEPTED, SUBMITTED);
        edge(UNKNOWN, PAYMENT_COMPLETED, COMPLETED);
        edge(UNKNOWN, PAYMENT_REJECTED, FAILED);
        // Only a status lookup that proves Monoova never saw the reference sends it back for
        // submission, and it keeps the same uniqueReference.
        edge(UNKNOWN, NOT_RECEIVED_BY_MONOOVA, RECEIVED);

        edge(COMPLETED, PAYMENT_RETURNED, RETURNED);

        // Maker-checker: a held payout leaves PENDING_APPROVAL only by a checker's decision or by
        // expiry; nothing else (least of all SUBMIT_STARTED) applies to it.
        edge(PENDING_APPROVAL, APPROVED, RECEIVED);
        edge(PENDING_APPROVAL, APPROVAL_REJECTED, CANCELLED);
        edge(PENDING_APPROVAL, APPROVAL_EXPIRED, CANCELLED);

        // Cooling-off of a new or changed payee destination: a payout is stored HELD at intake, or
        // held just before its claim (the destination changed after intake). Only the end of the
        // period releases it, and only to RECEIVED, where the usual claim decides who submits it.
        edge(RECEIVED, COOLING_OFF_HOLD, HELD);
        edge(HELD, COOLING_OFF_ENDED, RECEIVED);
    }

    private PayoutStateMachine() {}

    private static void edge(PayoutStatus from, PayoutEvent event, PayoutStatus to) {
        TABLE.computeIfAbsent(from, s -> new EnumMap<>(PayoutEvent.class)).put(event, to);
    }

    /** The state {@code event} moves a payout in {@code from} to, or empty if the event doesn't apply there. */
    public static Optional<PayoutStatus> next(PayoutStatus from, PayoutEvent event) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(event));
    }

    /** Every edge, for documentation and tests. */
    public static Map<PayoutStatus, Map<PayoutEvent, PayoutStatus>> table() {
        Map<PayoutStatus, Map<PayoutEvent, PayoutStatus>> copy = new EnumMap<>(PayoutStatus.class);
        TABLE.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new EnumMap<>(v))));
        return Collections.unmodifiableMap(copy);
    }
}
