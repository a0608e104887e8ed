package com.acme.payouts.payee;

import java.util.regex.Pattern;

/**
 * Turns payee values into forms that are safe to show: enough for a person to recognise their own account, not
 * enough to pay it or to identify someone. Pure and total: it never throws, because it runs inside {@code toString}
 * and error paths where a second failure would hide the first.
 *
 * <p>The numeric rules share one principle: show at most a few trailing digits and never more than half of them, so
 * a short value is never effectively disclosed. Values too short for that are starred completely.
 */
public final class Masking {

    private static final String STAR = "*";
    private static final String PHONE_PREFIX = "+61-4";
    private static final Pattern WHITESPACE_RUN = Pattern.compile("(?U)\\s+");

    private Masking() {}

    /** {@code 062-000} → {@code ***-*00}: the last two digits, separators kept so the shape stays familiar. */
    public static String bsb(String bsb) {
        if (bsb == null) {
            return null;
        }
        String value = bsb.strip();
        int digits = countDigits(value);
        int shown = digits < 4 ? 0 : 2;
        int hide = digits - shown;
        StringBuilder out = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isAsciiDigit(c)) {
                out.append(seen++ < hide ? '*' : c);
            } else {
                out.append(c == '-' ? '-' : '*');
            }
        }
        return out.toString();
    }

    /**
     * {@code 12345678} → {@code ****5678}. At most four trailing characters and at most half of them; a fixed star
     * prefix (three for six or fewer characters, else four) so long account numbers don't reveal their length.
     */
    public static String accountNumber(String accountNumber) {
        if (accountNumber == null) {
            return null;
        }
        String value = accountNumber.strip();
        int length = value.length();
        int shown = length < 4 ? 0 : Math.min(4, length / 2);
        String prefix = length > 6 ? "****" : "***";
        return prefix + tail(value, shown);
    }

    /** {@code Jane Citizen} → {@code J*** C******}: initials only, word count and word lengths kept. */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        String value = name.strip();
        if (value.isEmpty()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (String word : WHITESPACE_RUN.split(value)) {
            if (out.length() > 0) {
                out.append(' ');
            }
            int first = word.codePointAt(0);
            out.appendCodePoint(first);
            out.append(STAR.repeat(word.codePointCount(0, word.length()) - 1));
        }
        return out.toString();
    }

    /** Masks a PayID by the rules of its type; an unknown type gets the most conservative rule. */
    public static String payId(PayIdType type, String payId) {
        if (payId == null) {
            return null;
        }
        if (type == null) {
            return trailing(payId, 0);
        }
        return switch (type) {
            case EMAIL -> email(payId);
            case PHONE_NUMBER -> phone(payId);
            case ABN, ACN, ORGANISATION_ID -> trailing(payId, 3);
        };
    }

    /** {@code jane@example.com} → {@code j***@example.com}: the domain stays, it rarely identifies a person. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        String value = email.strip();
        int at = value.lastIndexOf('@');
        if (at < 0 || at != value.indexOf('@')) {
            return trailing(value, 0);
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        String shownLocal = local.length() < 2 ? "" : local.substring(0, Character.charCount(local.codePointAt(0)));
        return shownLocal + "***@" + domain;
    }

    /** {@code +61-412345678} → {@code +61-4*****678}: the normalised mobile prefix and the last three digits. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String value = phone.strip();
        if (value.startsWith(PHONE_PREFIX) && value.length() == PHONE_PREFIX.length() + 8) {
            return PHONE_PREFIX + "*****" + tail(value, 3);
        }
        return trailing(value, 3);
    }

    /** ABN, ACN, organisation id: a fixed star prefix and up to {@code wanted} trailing characters (half at most). */
    private static String trailing(String raw, int wanted) {
        String value = raw.strip();
        int length = value.length();
        int shown = length < 4 ? 0 : Math.min(wanted, length / 2);
        return "***" + tail(value, shown);
    }

    /** The last {@code count} chars, one fewer rather than half a surrogate pair. */
    private static String tail(String value, int count) {
        int start = value.length() - count;
        if (start > 0 && start < value.length() && Character.isLowSurrogate(value.charAt(start))) {
            start++;
        }
        return value.substring(start);
    }

    private static int countDigits(String value) {
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            if (isAsciiDigit(value.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
