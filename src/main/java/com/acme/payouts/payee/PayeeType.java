package com.acme.payouts.payee;

/** The two kinds of destination a payout can go to; it decides which Monoova disbursement methods apply. */
public enum PayeeType {
    /** BSB and account number: paid by NPP ({@code NppCreditBankAccount}) or Direct Entry ({@code directCredit}). */
    BANK_ACCOUNT,
    /** A PayID: payable by NPP only ({@code NppCreditPayId}). */
    PAYID
}
