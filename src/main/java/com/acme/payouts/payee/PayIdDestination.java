package com.acme.payouts.payee;

import java.util.Objects;

/**
 * A PayID in the normalised form for its type (lower-case email, {@code +61-4XXXXXXXX} mobile, 11-digit ABN, 9-digit
 * ACN, trimmed organisation id). Build it through {@link PayeeValidator} so these invariants hold.
 */
public record PayIdDestination(PayIdType payIdType, String payId, String accountName) implements PayeeDestination {

    public PayIdDestination {
        // Messages name the field only: the values are personal data.
        Objects.requireNonNull(payIdType, "payIdType");
        Objects.requireNonNull(payId, "payId");
        Objects.requireNonNull(accountName, "accountName");
    }

    @Override
    public PayeeType type() {
        return PayeeType.PAYID;
    }

    @Override
    public MaskedDestination masked() {
        return new MaskedDestination(
                PayeeType.PAYID,
                null,
                null,
                payIdType.wireName(),
                Masking.payId(payIdType, payId),
                Masking.name(accountName));
    }

    /** Masked on purpose: records end up in logs and exception messages far from here. */
    @Override
    public String toString() {
        return "PayIdDestination[payIdType=" + payIdType.wireName()
                + ", payId=" + Masking.payId(payIdType, payId)
                + ", accountName=" + Masking.name(accountName) + "]";
    }
}
