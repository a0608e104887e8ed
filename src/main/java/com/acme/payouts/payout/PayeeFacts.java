package com.acme.payouts.payout;

import java.time.Instant;
import java.util.Objects;

/**
 * What the payout side may know about a payee without decrypting it.
 *
 * @param masked display form of the destination, already masked
 * @param bankAccount true for a BSB and account number, false for a PayID
 * @param directEntryEligible whether the destination fits Direct Entry's limits
 * @param destinationSince when the payee's destination (where the money goes) was last set: the start
 *     of its cooling-off period. Today the payee's creation time, since a destination cannot change
 *     yet; once payee versions exist it is the creation time of the current version.
 */
public record PayeeFacts(
        String payeeId,
        String customerId,
        String masked,
        boolean bankAccount,
        boolean directEntryEligible,
        Instant destinationSince) {

    public PayeeFacts {
        Objects.requireNonNull(destinationSince, "destinationSince");
    }

    /** Facts of a payee whose destination is long established (tests and tools without cooling-off). */
    public PayeeFacts(String payeeId, String customerId, String masked, boolean bankAccount, boolean directEntryEligible) {
        this(payeeId, customerId, masked, bankAccount, directEntryEligible, Instant.EPOCH);
    }
}
