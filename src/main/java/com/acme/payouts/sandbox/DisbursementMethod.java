package com.acme.payouts.sandbox;

import java.util.Optional;
import java.util.Set;

/**
 * The payout rails the sandbox simulates, with the wire names Monoova uses for the method and
 * for its detail object. The other methods of the spec (mAccount, mWallet, token, BPAY) are known
 * but refused, so a client mistake is told apart from an unsupported feature.
 */
enum DisbursementMethod {
    NPP_BANK_ACCOUNT("NppCreditBankAccount", "toNppCreditBankAccountDetails", true),
    NPP_PAYID("NppCreditPayId", "toNppCreditPayIdDetails", true),
    DIRECT_CREDIT("directCredit", "toDirectCreditDetails", false);

    /** Spec methods the sandbox does not simulate (both BPAY spellings appear in the spec). */
    static final Set<String> UNSUPPORTED = Set.of("mAccount", "mWallet", "token", "BPAY", "bpay");

    private final String wireName;
    private final String detailsField;
    private final boolean npp;

    DisbursementMethod(String wireName, String detailsField, boolean npp) {
        this.wireName = wireName;
        this.detailsField = detailsField;
        this.npp = npp;
    }

    String wireName() {
        return wireName;
    }

    String detailsField() {
        return detailsField;
    }

    /** NPP payouts are real-time and report their outcome by webhook; DE payouts don't. */
    boolean isNpp() {
        return npp;
    }

    static Optional<DisbursementMethod> fromWireName(String wireName) {
        for (DisbursementMethod method : values()) {
            if (method.wireName.equals(wireName)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
