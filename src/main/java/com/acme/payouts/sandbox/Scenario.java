package com.acme.payouts.sandbox;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test triggers a caller can put in a payout's text fields as {@code SBX-<NAME>} to force an
 * outcome deterministically. Monoova's own sandbox has no such triggers for payouts (DIGEST §7),
 * so these are purely a convention of this simulator; docs/sandbox.md lists them.
 *
 * <p>Every token is at most 12 characters and uses only the Direct Entry character set, so it
 * also fits a DE {@code lodgementReference} (18 characters).
 */
enum Scenario {
    REJECT("REJECT"),
    RETURN("RETURN"),
    PENDING("PENDING"),
    FAIL_BEFORE_COMMIT("500"),
    FAIL_AFTER_COMMIT("500C"),
    TIMEOUT("TIMEOUT"),
    RESET("RESET"),
    WEBHOOK_DROP("WH-DROP"),
    WEBHOOK_LOST("WH-LOST"),
    WEBHOOK_DUPLICATE("WH-DUP"),
    WEBHOOK_DELAY("WH-DELAY"),
    WEBHOOK_EARLY("WH-EARLY"),
    /** DE: completes, then is dishonoured ({@code DirectEntryDishonour}, Type Credit) {@code returnDelay} later. */
    DISHONOUR("DISHON"),
    /** The status endpoint answers HTTP 500 for this reference, so a client can never resolve it by lookup. */
    STATUS_500("ST-500");

    /*
     * Longer names first so "500C" wins over "500"; the look-ahead stops "SBX-RESETX" or
     * "SBX-500CC" from matching anything.
     */
    private static final Pattern TOKEN = Pattern.compile(
            "SBX-(WH-EARLY|WH-DELAY|WH-DROP|WH-LOST|WH-DUP|TIMEOUT|PENDING|REJECT|RETURN|RESET|DISHON|ST-500|500C|500)(?![A-Za-z0-9])",
            Pattern.CASE_INSENSITIVE);

    private final String token;

    Scenario(String token) {
        this.token = token;
    }

    /** The full trigger text, e.g. {@code SBX-WH-DUP}. */
    String trigger() {
        return "SBX-" + token;
    }

    /** All triggers found in the given texts; {@code null} texts are skipped. */
    static Set<Scenario> scan(Iterable<String> texts) {
        EnumSet<Scenario> found = EnumSet.noneOf(Scenario.class);
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Matcher matcher = TOKEN.matcher(text);
            while (matcher.find()) {
                found.add(byToken(matcher.group(1).toUpperCase(Locale.ROOT)));
            }
        }
        return Collections.unmodifiableSet(found);
    }

    private static Scenario byToken(String token) {
        for (Scenario scenario : values()) {
            if (scenario.token.equals(token)) {
                return scenario;
            }
        }
        throw new IllegalStateException("pattern and enum disagree on " + token);
    }
}
