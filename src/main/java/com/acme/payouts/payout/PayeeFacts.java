package com.acme.payouts.payout;

import java.time.Instant;
import java.util.Objects;

/**
 * What the payout side may know about a payee without decrypting it.
 *
 * @param masked display form of the destination, already masked
 * @param bankAccount true for a BSB and account number, false for a PayID
 * @param directEntryEligible whether the destination fits Direct Entry's limits
 * @param version the payee's current version (destination); a payout records it and is paid to exactly that one
 * @param destinationSince when the payee's destination (where the money goes) was last set: the start
 *     of its cooling-off period, i.e. the creation time of the current version
 */
public record PayeeFacts(
        String payeeId,
        String customerId,
        String masked,
        boolean bankAccount,
        boolean directEntryEligible,
        Integer version,
        Instant destinationSince) {

    public PayeeFacts {
        Objects.requireNonNull(destinationSince, "destinationSince");
    }

    /** Facts without a version (version 1) of a payee whose destination is long established (tests, tools). */
    public PayeeFacts(String payeeId, String customerId, String masked, boolean bankAccount, boolean directEntryEligible) {
        this(payeeId, customerId, masked, bankAccount, directEntryEligible, null, Instant.EPOCH);
    }

    /** Facts without a version (version 1) whose destination was set at {@code destinationSince}. */
    public PayeeFacts(String payeeId, String customerId, String masked, boolean bankAccount, boolean directEntryEligible,
            Instant destinationSince) {
        this(payeeId, customerId, masked, bankAccount, directEntryEligible, null, destinationSince);
    }
}
