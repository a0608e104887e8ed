package com.acme.payouts.payee;

import java.time.Instant;

/**
 * A registered payee as it may be shown anywhere: id, owner and the masked destination of one version. The
 * destination itself only exists encrypted in the vault.
 *
 * @param directEntryEligible decided at registration from the plain destination, so payout intake
 *     never needs to decrypt to know whether Direct Entry can pay it
 * @param version which version of the destination this is (1 at registration, +1 per change); a payout records the
 *     version it was created for and is paid to exactly that one
 * @param destinationSince when this version's destination was set (registration, or the change that made it):
 *     where a new or changed payee's cooling-off period starts
 */
public record Payee(
        String id,
        String customerId,
        PayeeType type,
        MaskedDestination masked,
        boolean directEntryEligible,
        Instant createdAt,
        int version,
        Instant destinationSince) {

    /** A version whose destination was set when the payee was created (version 1, or stores without the time). */
    public Payee(
            String id, String customerId, PayeeType type, MaskedDestination masked, boolean directEntryEligible,
            Instant createdAt, int version) {
        this(id, customerId, type, masked, directEntryEligible, createdAt, version, createdAt);
    }

    /** Version 1 of a payee. */
    public Payee(
            String id, String customerId, PayeeType type, MaskedDestination masked, boolean directEntryEligible,
            Instant createdAt) {
        this(id, customerId, type, masked, directEntryEligible, createdAt, 1);
    }

    /** One-line masked summary, e.g. {@code ***-*00 ****5678} or {@code Email j***@example.com}. */
    public String display() {
        return type == PayeeType.BANK_ACCOUNT
                ? masked.bsb() + " " + masked.accountNumber()
                : masked.payIdType() + " " + masked.payId();
    }
}
