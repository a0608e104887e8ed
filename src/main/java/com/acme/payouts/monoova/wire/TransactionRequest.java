package com.acme.payouts.monoova.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * Body of {@code POST /financial/v2/transaction/execute} (spec schema {@code financial.transaction}).
 * Always one disbursement, so one {@code uniqueReference} is one payout.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransactionRequest(
        String uniqueReference,
        String paymentSource,
        MAccountSource mAccount,
        BigDecimal totalAmount,
        String description,
        List<Disbursement> disbursements) {

    /** {@code mAccount.token} holds the 16-digit account number (the spec's naming, not a secret token). */
    public record MAccountSource(String token) {}

    @Override
    public String toString() {
        return "TransactionRequest[uniqueReference=" + uniqueReference + ", totalAmount=" + totalAmount
                + ", disbursements=" + disbursements + "]";
    }
}
