package com.acme.payouts.payee;

import com.acme.payouts.support.DirectEntryText;
import com.acme.payouts.support.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The single gate between what a client submits and what the vault stores: checks a payee against Monoova's limits
 * and normalises it so that equal destinations are stored equally.
 *
 * <p>{@link #validate} enforces the NPP limits, the widest a payee must meet to be stored at all. Direct Entry is
 * stricter, but whether a payout uses it is decided per payout, so {@link #directEntryProblems} is a separate check
 * for that moment. Limits come from Monoova Payments API v5.29 ({@code disbursementMethod.*}).
 */
public final class PayeeValidator {

    /** NPP {@code toNppCreditBankAccountDetails.accountNumber} maxLength. */
    static final int NPP_MAX_ACCOUNT_NUMBER = 28;
    /** NPP {@code accountName} minLength; also the Direct Entry minimum. */
    static final int MIN_ACCOUNT_NAME = 2;
    /** NPP has no request maximum; 140 is the {@code AccountName} maxLength Monoova reports back (NppPaymentStatus). */
    static final int NPP_MAX_ACCOUNT_NAME = 140;
    /** {@code toDirectCreditDetails.accountNumber} maxLength. */
    static final int DE_MAX_ACCOUNT_NUMBER = 9;
    /** {@code toDirectCreditDetails.accountName} maxLength. */
    static final int DE_MAX_ACCOUNT_NAME = 32;


    private static final Pattern BSB = Pattern.compile("([0-9]{3})-?([0-9]{3})");
    private static final Pattern ACCOUNT_NUMBER_SEPARATORS = Pattern.compile("[ -]");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern WHITESPACE_RUN = Pattern.compile("(?U)\\s+");

    /** Checks {@code input} against the storage (NPP) rules; never throws on bad input, it reports it. */
    public ValidationResult validate(PayeeInput input) {
        List<FieldError> errors = new ArrayList<>();
        Optional<PayeeType> type = type(input.type(), errors);
        String accountName = accountName(input.accountName(), errors);
        PayeeDestination destination = null;
        if (type.isPresent()) {
            destination = type.get() == PayeeType.BANK_ACCOUNT
                    ? bankAccount(input, accountName, errors)
                    : payId(input, accountName, errors);
        }
        return errors.isEmpty() ? ValidationResult.valid(destination) : ValidationResult.invalid(errors);
    }

    /**
     * Why {@code destination} can't be paid by Direct Entry ({@code directCredit}); empty when it can. Run when a
     * payout chooses that method: a payee valid for NPP may still exceed the DE limits.
     */
    public List<FieldError> directEntryProblems(PayeeDestination destination) {
        if (!(destination instanceof BankAccountDestination account)) {
            return List.of(new FieldError(
                    "type", FieldError.DIRECT_ENTRY_UNSUPPORTED, "PayID payees can only be paid through NPP"));
        }
        List<FieldError> problems = new ArrayList<>();
        if (account.accountNumber().length() > DE_MAX_ACCOUNT_NUMBER) {
            problems.add(new FieldError(
                    "accountNumber",
                    FieldError.DIRECT_ENTRY_LENGTH,
                    "Direct Entry accepts account numbers of at most 9 digits"));
        }
        int nameLength = account.accountName().length();
        if (nameLength < MIN_ACCOUNT_NAME || nameLength > DE_MAX_ACCOUNT_NAME) {
            problems.add(new FieldError(
                    "accountName",
                    FieldError.DIRECT_ENTRY_LENGTH,
                    "Direct Entry accepts account names of 2 to 32 characters"));
        }
        if (!DirectEntryText.inCharset(account.accountName())) {
            problems.add(new FieldError(
                    "accountName",
                    FieldError.DIRECT_ENTRY_CHARSET,
                    "Direct Entry account names may only use letters, digits, spaces and . ( + $ * ) ^ [ ] ; - / , %"
                            + " _ ? : # @ ' = & !"));
        }
        return List.copyOf(problems);
    }

    private static Optional<PayeeType> type(String raw, List<FieldError> errors) {
        if (isBlank(raw)) {
            errors.add(new FieldError("type", FieldError.REQUIRED, "type is required: BANK_ACCOUNT or PAYID"));
            return Optional.empty();
        }
        String value = raw.strip();
        for (PayeeType type : PayeeType.values()) {
            if (type.name().equals(value)) {
                return Optional.of(type);
            }
        }
        errors.add(new FieldError("type", FieldError.INVALID_FORMAT, "type must be BANK_ACCOUNT or PAYID"));
        return Optional.empty();
    }

    private static BankAccountDestination bankAccount(PayeeInput input, String accountName, List<FieldError> errors) {
        notApplicable("payIdType", input.payIdType(), "bank-account", errors);
        notApplicable("payId", input.payId(), "bank-account", errors);
        String bsb = bsb(input.bsb(), errors);
        String accountNumber = accountNumber(input.accountNumber(), errors);
        if (bsb == null || accountNumber == null || accountName == null) {
            return null;
        }
        return new BankAccountDestination(bsb, accountNumber, accountName);
    }

    private static PayIdDestination payId(PayeeInput input, String accountName, List<FieldError> errors) {
        notApplicable("bsb", input.bsb(), "PayID", errors);
        notApplicable("accountNumber", input.accountNumber(), "PayID", errors);
        Optional<PayIdType> payIdType = payIdType(input.payIdType(), errors);
        String payId = null;
        if (isBlank(input.payId())) {
            errors.add(new FieldError("payId", FieldError.REQUIRED, "payId is required for a PayID payee"));
        } else if (payIdType.isPresent()) {
            payId = PayIdRules.normalise(payIdType.get(), input.payId(), errors);
            if (payId != null && payId.length() > PayIdRules.MAX_PAY_ID_LENGTH) {
                errors.add(new FieldError("payId", FieldError.INVALID_LENGTH, "payId must be at most 256 characters"));
                payId = null;
            }
        }
        if (payIdType.isEmpty() || payId == null || accountName == null) {
            return null;
        }
        return new PayIdDestination(payIdType.get(), payId, accountName);
    }

    private static Optional<PayIdType> payIdType(String raw, List<FieldError> errors) {
        if (isBlank(raw)) {
            errors.add(new FieldError("payIdType", FieldError.REQUIRED, "payIdType is required for a PayID payee"));
            return Optional.empty();
        }
        Optional<PayIdType> type = PayIdType.fromWire(raw.strip());
        if (type.isEmpty()) {
            errors.add(new FieldError(
                    "payIdType",
                    FieldError.INVALID_FORMAT,
                    "payIdType must be one of Email, PhoneNumber, ABN, ACN, OrganisationId"));
        }
        return type;
    }

    private static String bsb(String raw, List<FieldError> errors) {
        if (isBlank(raw)) {
            errors.add(new FieldError("bsb", FieldError.REQUIRED, "bsb is required for a bank-account payee"));
            return null;
        }
        var matcher = BSB.matcher(raw.strip());
        if (!matcher.matches()) {
            errors.add(new FieldError("bsb", FieldError.INVALID_FORMAT, "bsb must be 6 digits, as NNN-NNN or NNNNNN"));
            return null;
        }
        return matcher.group(1) + "-" + matcher.group(2);
    }

    private static String accountNumber(String raw, List<FieldError> errors) {
        if (isBlank(raw)) {
            errors.add(new FieldError(
                    "accountNumber", FieldError.REQUIRED, "accountNumber is required for a bank-account payee"));
            return null;
        }
        // Spaces and hyphens are how people copy account numbers from statements; they carry no meaning.
        String digits = ACCOUNT_NUMBER_SEPARATORS.matcher(raw.strip()).replaceAll("");
        if (!DIGITS.matcher(digits).matches()) {
            errors.add(new FieldError(
                    "accountNumber", FieldError.INVALID_FORMAT, "accountNumber must contain only digits"));
            return null;
        }
        if (digits.length() > NPP_MAX_ACCOUNT_NUMBER) {
            errors.add(new FieldError(
                    "accountNumber", FieldError.INVALID_LENGTH, "accountNumber must be at most 28 digits"));
            return null;
        }
        return digits;
    }

    private static String accountName(String raw, List<FieldError> errors) {
        if (isBlank(raw)) {
            errors.add(new FieldError("accountName", FieldError.REQUIRED, "accountName is required"));
            return null;
        }
        String name = WHITESPACE_RUN.matcher(raw.strip()).replaceAll(" ");
        if (PayIdRules.hasControlCharacter(name)) {
            errors.add(new FieldError(
                    "accountName", FieldError.INVALID_FORMAT, "accountName must not contain control characters"));
            return null;
        }
        if (name.length() < MIN_ACCOUNT_NAME || name.length() > NPP_MAX_ACCOUNT_NAME) {
            errors.add(new FieldError(
                    "accountName", FieldError.INVALID_LENGTH, "accountName must be 2 to 140 characters"));
            return null;
        }
        return name;
    }

    private static void notApplicable(String field, String raw, String payeeKind, List<FieldError> errors) {
        if (!isBlank(raw)) {
            errors.add(new FieldError(
                    field, FieldError.NOT_APPLICABLE, field + " does not apply to a " + payeeKind + " payee"));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
