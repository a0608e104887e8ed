package com.acme.payouts.payout;

/**
 * What the payout side may know about a payee without decrypting it.
 *
 * @param masked display form of the destination, already masked
 * @param bankAccount true for a BSB and account number, false for a PayID
 * @param directEntryEligible whether the destination fits Direct Entry's limits
 * @param version the payee's current version (destination); a payout records it and is paid to exactly that one
 */
public record PayeeFacts(
        String payeeId, String customerId, String masked, boolean bankAccount, boolean directEntryEligible,
        Integer version) {

    /** Facts without a version (version 1). */
    public PayeeFacts(String payeeId, String customerId, String masked, boolean bankAccount, boolean directEntryEligible) {
        this(payeeId, customerId, masked, bankAccount, directEntryEligible, null);
    }
}
