package com.acme.payouts.sandbox;

import java.math.BigDecimal;
import java.util.Set;

/**
 * An execute/validate body that passed every check: exactly the facts the ledger and the
 * lifecycle need, already typed, so nothing downstream touches raw JSON.
 *
 * @param uniqueReference caller reference, or {@code null} when none was sent
 * @param amount payout amount, scale 2
 * @param method the single disbursement's rail
 * @param payee beneficiary details (redacted in {@code toString})
 * @param lodgementReference payee statement reference, or {@code null}
 * @param scenarios test triggers found in the text fields
 */
record PayoutInstruction(
        String uniqueReference,
        BigDecimal amount,
        DisbursementMethod method,
        Payee payee,
        String lodgementReference,
        Set<Scenario> scenarios) {}
