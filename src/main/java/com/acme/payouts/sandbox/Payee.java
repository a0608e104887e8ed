package com.acme.payouts.sandbox;

/**
 * The beneficiary details of a payout, kept only to echo them in webhooks as Monoova does. They
 * are personal data, so {@link #toString()} hides them and nothing else in the sandbox logs them.
 * Fields not used by the rail are {@code null} (for example {@code payId} on a bank-account payout).
 */
record Payee(
        String bsb,
        String accountNumber,
        String accountName,
        String payId,
        String payIdType,
        String endToEndId,
        String remitterName) {

    @Override
    public String toString() {
        return "Payee[redacted]";
    }
}
