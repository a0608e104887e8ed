package com.acme.payouts.payee;

import com.acme.payouts.support.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation and normalisation of a PayID for each {@link PayIdType}. Normalising before storage matters beyond
 * tidiness: NPP resolves PayIDs in one canonical form, and the vault's duplicate detection compares stored values.
 */
final class PayIdRules {

    /** Monoova's {@code payId} maxLength, for every type. */
    static final int MAX_PAY_ID_LENGTH = 256;

    private static final String FIELD = "payId";
    private static final int MAX_EMAIL_LOCAL_PART = 64;
    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s-]");
    private static final Pattern AU_MOBILE = Pattern.compile("(?:\\+61|61|0)(4[0-9]{8})");
    private static final Pattern AU_LANDLINE = Pattern.compile("(?:\\+61|61|0)[2378][0-9]{8}");
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private PayIdRules() {}

    /** The normalised PayID, or {@code null} after adding at least one error to {@code errors}. */
    static String normalise(PayIdType type, String raw, List<FieldError> errors) {
        String value = raw.strip();
        return switch (type) {
            case EMAIL -> email(value, errors);
            case PHONE_NUMBER -> phone(value, errors);
            case ABN -> businessNumber(value, 11, BusinessNumbers::isValidAbn, "ABN", errors);
            case ACN -> businessNumber(value, 9, BusinessNumbers::isValidAcn, "ACN", errors);
            case ORGANISATION_ID -> organisationId(value, errors);
        };
    }

    private static String email(String value, List<FieldError> errors) {
        String email = value.toLowerCase(Locale.ROOT);
        if (email.length() > MAX_PAY_ID_LENGTH) {
            return fail(errors, FieldError.INVALID_LENGTH, "An email PayID must be at most 256 characters");
        }
        int at = email.indexOf('@');
        boolean wellFormed = at > 0
                && at == email.lastIndexOf('@')
                && at <= MAX_EMAIL_LOCAL_PART
                && !WHITESPACE.matcher(email).find()
                && !hasControlCharacter(email)
                && DOMAIN.matcher(email.substring(at + 1)).matches();
        if (!wellFormed) {
            return fail(errors, FieldError.INVALID_FORMAT, "An email PayID must look like name@example.com");
        }
        return email;
    }

    private static String phone(String value, List<FieldError> errors) {
        String compact = PHONE_SEPARATORS.matcher(value).replaceAll("");
        Matcher mobile = AU_MOBILE.matcher(compact);
        if (mobile.matches()) {
            return "+61-" + mobile.group(1);
        }
        if (AU_LANDLINE.matcher(compact).matches()) {
            return fail(
                    errors, FieldError.INVALID_FORMAT, "A phone PayID must be an Australian mobile, not a landline");
        }
        return fail(
                errors,
                FieldError.INVALID_FORMAT,
                "A phone PayID must be an Australian mobile such as 0412 345 678 or +61-412345678");
    }

    private static String businessNumber(
            String value, int digits, Predicate<String> checksum, String name, List<FieldError> errors) {
        String compact = stripWhitespace(value);
        if (compact.length() != digits || !DIGITS.matcher(compact).matches()) {
            return fail(errors, FieldError.INVALID_FORMAT, "An " + name + " PayID must be " + digits + " digits");
        }
        if (!checksum.test(compact)) {
            return fail(errors, FieldError.INVALID_CHECKSUM, "The " + name + " check digits don't match");
        }
        return compact;
    }

    private static String organisationId(String value, List<FieldError> errors) {
        if (value.isEmpty() || value.length() > MAX_PAY_ID_LENGTH) {
            return fail(errors, FieldError.INVALID_LENGTH, "An organisation id PayID must be 1 to 256 characters");
        }
        if (hasControlCharacter(value)) {
            return fail(
                    errors, FieldError.INVALID_FORMAT, "An organisation id PayID must not contain control characters");
        }
        return value;
    }

    static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    private static String stripWhitespace(String value) {
        return WHITESPACE.matcher(value).replaceAll("");
    }

    private static String fail(List<FieldError> errors, String code, String message) {
        errors.add(new FieldError(FIELD, code, message));
        return null;
    }
}
