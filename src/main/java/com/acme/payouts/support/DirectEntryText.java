package com.acme.payouts.support;

import java.util.regex.Pattern;

/**
 * The BECS Direct Entry character set as Monoova's spec writes it (a C# verbatim regex on DE
 * {@code accountName} and {@code lodgementReference}): letters, digits, space and
 * {@code . ( + $ * ) ^ [ ] ; - / , % _ ? : # @ ' = &amp; !}.
 */
public final class DirectEntryText {

    private static final Pattern CHARSET = Pattern.compile("^[a-zA-Z0-9 .(+$*)^\\[\\];\\-/,%_?:#@'=&!]*$");

    /** Longest DE lodgement reference (spec: maxLength 18). */
    public static final int MAX_LODGEMENT_REFERENCE = 18;

    private DirectEntryText() {}

    public static boolean inCharset(String text) {
        return text != null && CHARSET.matcher(text).matches();
    }
}
