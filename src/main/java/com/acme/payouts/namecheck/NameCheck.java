package com.acme.payouts.namecheck;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest name check of one payee: the comparison with the PayID owner's name Monoova answered. The
 * owner's name is kept masked only (it is someone's name, and the result is what matters).
 *
 * @param ownerNameMasked the owner's name as {@code Masking.name} shows names; null if Monoova gave none
 * @param feeIncGst what Monoova charged for the verification (GST included), if it said
 * @param monoovaToken the verification's token (a GUID, not a secret)
 */
public record NameCheck(
        String payeeId,
        String customerId,
        NameMatch result,
        String ownerNameMasked,
        BigDecimal feeIncGst,
        String monoovaToken,
        Instant checkedAt,
        String checkedById,
        String checkedByName) {

    public NameCheck {
        Objects.requireNonNull(payeeId, "payeeId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }
}
