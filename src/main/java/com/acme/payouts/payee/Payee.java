package com.acme.payouts.payee;

import java.time.Instant;

/**
 * A registered payee as it may be shown anywhere: id, owner and the masked destination. The
 * destination itself only exists encrypted in the vault.
 *
 * @param directEntryEligible decided at registration from the plain destination, so payout intake
 *     never needs to decrypt to know whether Direct Entry can pay it
 */
public record Payee(
        String id, String customerId, PayeeType type, MaskedDestination masked, boolean directEntryEligible, Instant createdAt) {

    /** One-line masked summary, e.g. {@code ***-*00 ****5678} or {@code Email j***@example.com}. */
    public String display() {
        return type == PayeeType.BANK_ACCOUNT
                ? masked.bsb() + " " + masked.accountNumber()
                : masked.payIdType() + " " + masked.payId();
    }
}
