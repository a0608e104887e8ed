package com.acme.payouts.support;

import java.util.regex.Pattern;

/**
 * Last line of defence for text that came from outside (Monoova descriptions, exception messages)
 * before it is stored, logged or returned: long digit runs (account numbers, phone numbers) and email
 * addresses are masked, and the length is bounded.
 */
public final class Redaction {

    private static final Pattern DIGITS = Pattern.compile("\\d(?: ?\\d){5,}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");
    private static final int MAX = 300;

    private Redaction() {}

    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = EMAIL.matcher(text).replaceAll("***@***");
        out = DIGITS.matcher(out).replaceAll(m -> {
            String digits = m.group().replace(" ", "");
            return "***" + digits.substring(digits.length() - 3);
        });
        return out.length() > MAX ? out.substring(0, MAX) + "..." : out;
    }
}
