package com.acme.payouts.payee;

import java.util.Objects;

/**
 * An Australian bank account in normalised form: BSB {@code NNN-NNN}, account number digits only, account name
 * trimmed with single spaces. Build it through {@link PayeeValidator} so these invariants hold.
 */
public record BankAccountDestination(String bsb, String accountNumber, String accountName) implements PayeeDestination {

    public BankAccountDestination {
        // Messages name the field only: the values are personal data.
        Objects.requireNonNull(bsb, "bsb");
        Objects.requireNonNull(accountNumber, "accountNumber");
        Objects.requireNonNull(accountName, "accountName");
    }

    @Override
    public PayeeType type() {
        return PayeeType.BANK_ACCOUNT;
    }

    @Override
    public MaskedDestination masked() {
        return new MaskedDestination(
                PayeeType.BANK_ACCOUNT,
                Masking.bsb(bsb),
                Masking.accountNumber(accountNumber),
                null,
                null,
                Masking.name(accountName));
    }

    /** Masked on purpose: records end up in logs and exception messages far from here. */
    @Override
    public String toString() {
        return "BankAccountDestination[bsb=" + Masking.bsb(bsb)
                + ", accountNumber=" + Masking.accountNumber(accountNumber)
                + ", accountName=" + Masking.name(accountName) + "]";
    }
}
