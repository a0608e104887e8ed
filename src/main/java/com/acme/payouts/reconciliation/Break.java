package com.acme.payouts.reconciliation;

/**
 * One difference between our books and Monoova's. Amounts are decimal strings; nothing here is
 * personal data (references, ids, statuses, amounts and our own wording only).
 *
 * @param reference the Monoova uniqueReference (payouts) or transaction id (inbound credits)
 */
public record Break(
        BreakType type,
        String reference,
        String payoutId,
        String ourStatus,
        String monoovaStatus,
        String ourAmount,
        String monoovaAmount,
        String detail) {}
