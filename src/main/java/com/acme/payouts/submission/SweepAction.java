package com.acme.payouts.submission;

/**
 * What the sweeper wants done with one payout.
 *
 * @param action {@code ENQUEUE} (never sent: put it back on the submission queue) or {@code RESOLVE}
 *     (may have been sent: ask Monoova's status endpoint)
 */
public record SweepAction(String payoutId, String action, int attempt) {

    public static final String ENQUEUE = "ENQUEUE";
    public static final String RESOLVE = "RESOLVE";
}
