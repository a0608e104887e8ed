package com.acme.payouts.payee;

/**
 * A payee exactly as a client submitted it, before any validation: raw strings, any of which may be {@code null},
 * blank or malformed.
 *
 * <p>{@code toString} shows only which fields are present. Masking is not enough here because a raw value may sit in
 * the wrong field (an account number typed into the name) and then be masked by the wrong rule.
 *
 * @param type {@code BANK_ACCOUNT} or {@code PAYID}
 * @param payIdType Monoova's spelling: {@code Email}, {@code PhoneNumber}, {@code ABN}, {@code ACN},
 *     {@code OrganisationId}
 */
public record PayeeInput(
        String type, String bsb, String accountNumber, String accountName, String payIdType, String payId) {

    /** A bank-account payee, for callers and tests that know the type up front. */
    public static PayeeInput forBankAccount(String bsb, String accountNumber, String accountName) {
        return new PayeeInput(PayeeType.BANK_ACCOUNT.name(), bsb, accountNumber, accountName, null, null);
    }

    /** A PayID payee, for callers and tests that know the type up front. */
    public static PayeeInput forPayId(String payIdType, String payId, String accountName) {
        return new PayeeInput(PayeeType.PAYID.name(), null, null, accountName, payIdType, payId);
    }

    @Override
    public String toString() {
        return "PayeeInput[type=" + known(type, isPayeeType(type))
                + ", bsb=" + presence(bsb)
                + ", accountNumber=" + presence(accountNumber)
                + ", accountName=" + presence(accountName)
                + ", payIdType="
                + known(payIdType, PayIdType.fromWire(payIdType).isPresent())
                + ", payId=" + presence(payId) + "]";
    }

    // Enum-like fields are shown only when they hold one of the expected words; anything else could be personal data.
    private static String known(String value, boolean recognised) {
        return recognised ? value : presence(value);
    }

    private static boolean isPayeeType(String value) {
        for (PayeeType payeeType : PayeeType.values()) {
            if (payeeType.name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String presence(String value) {
        if (value == null) {
            return "<absent>";
        }
        return value.isBlank() ? "<blank>" : "<redacted>";
    }
}
