package com.acme.payouts.sandbox;

import java.time.Instant;

/**
 * The result of one lifecycle transition, captured under the book lock so the webhook built from
 * it can't see a later transition half-applied.
 *
 * @param record the payout (only its final fields may be read outside the lock)
 * @param transaction snapshot right after the transition
 * @param at when the transition happened
 * @param eventTransactionId Monoova id of the rejection or return transaction, 0 for a completion
 * @param reason rejection or return reason, {@code null} for a completion
 */
record PayoutOutcome(
        PayoutRecord record, SandboxTransaction transaction, Instant at, int eventTransactionId, String reason) {}
