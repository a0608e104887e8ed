package com.acme.payouts.payout;

/** Something that happened to a payout; the {@link PayoutStateMachine} decides what it changes. */
public enum PayoutEvent {
    /** A worker claimed the payout to call Monoova execute. */
    SUBMIT_STARTED,
    /** The payout can never be sent (e.g. its payee no longer qualifies); no money moved. */
    SUBMISSION_REFUSED,
    /** Monoova execute answered Ok or Pending, or a status lookup said Pending. */
    MONOOVA_ACCEPTED,
    /** Monoova (webhook or status) says the payment completed. */
    PAYMENT_COMPLETED,
    /** Monoova refused the transaction, or reported it rejected. */
    PAYMENT_REJECTED,
    /** The execute call ended without an answer we can trust (5xx, timeout, reset, duplicate reference). */
    OUTCOME_UNKNOWN,
    /** A status lookup proved Monoova never received the reference: it may be sent again, same reference. */
    NOT_RECEIVED_BY_MONOOVA,
    /** The receiving bank sent a completed payment back. */
    PAYMENT_RETURNED,
    /** A principal other than the creator, with {@code payout:approve}, approved a held payout. */
    APPROVED,
    /** A checker rejected a held payout. */
    APPROVAL_REJECTED,
    /** Nobody approved a held payout within the approval time to live. */
    APPROVAL_EXPIRED,
    /**
     * No money could be reserved for the payout (our balance, or Monoova refusing execute for lack of
     * funds): it waits, unsent, until funding arrives.
     */
    FUNDS_SHORT,
    /** Money was reserved for a payout that was waiting for funds: it may be submitted now. */
    FUNDS_RESERVED,
    /**
     * The payee's destination is still in its cooling-off period (created or changed recently): the
     * payout is held, unsent, until the period ends.
     */
    COOLING_OFF_HOLD,
    /** The cooling-off period of the payee's destination has ended: the held payout may be submitted. */
    COOLING_OFF_ENDED
}
