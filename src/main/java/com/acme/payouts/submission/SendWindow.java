package com.acme.payouts.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long after claiming a payout a worker may still start its execute call.
 *
 * <p>The sweeper takes a payout that has been {@code SUBMITTING} for {@code submittingStaleAfter} to
 * be abandoned and asks Monoova for its status; "not found" then sends it back for submission. That
 * is only true if no execute for it can still be on its way, so every call must have ended, one way
 * or the other, before the sweeper looks: a worker may start the call only while
 * {@code claimedAt + window} has not passed, where the window leaves room for the whole call
 * (pool wait + connect + response timeouts) and a margin for clock skew between instances. A worker
 * that is later than that (a long GC pause, a slow store under load) does not send and leaves the
 * payout to the sweeper, which cannot then race it.
 */
public final class SendWindow {

    /** Skew between instances' clocks and the time to record the answer. */
    static final Duration MARGIN = Duration.ofSeconds(1);
    /** Below this, ordinary scheduling delays would make workers give up on most payouts. */
    static final Duration MINIMUM = Duration.ofSeconds(1);

    private final Duration window;

    /**
     * @param submittingStaleAfter when the sweeper takes a SUBMITTING payout to be abandoned
     * @param callBudget the longest an execute call can take: connection-pool wait, connect and response timeouts
     * @throws IllegalArgumentException when the sweeper would look before a call could have ended: a configuration error
     */
    public SendWindow(Duration submittingStaleAfter, Duration callBudget) {
        Objects.requireNonNull(submittingStaleAfter, "submittingStaleAfter");
        Objects.requireNonNull(callBudget, "callBudget");
        this.window = submittingStaleAfter.minus(callBudget).minus(MARGIN);
        if (window.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("payouts.sweeper.submitting-stale-after (" + submittingStaleAfter
                    + ") must exceed the Monoova execute call's budget (" + callBudget + ": pool wait, connect and"
                    + " response timeouts) by at least " + MARGIN.plus(MINIMUM) + ", or the sweeper could resolve"
                    + " a payout whose execute is still on its way and send its reference twice");
        }
    }

    /** The budget of one Monoova call as the execute endpoint is configured: pool wait, connect, response. */
    public static Duration callBudget(long connectTimeoutMs, long responseTimeoutMs) {
        return Duration.ofMillis(2 * connectTimeoutMs + responseTimeoutMs);
    }

    public Duration window() {
        return window;
    }

    /** Whether a worker that claimed the payout at {@code claimedAt} may still start the call at {@code now}. */
    public boolean allows(Instant claimedAt, Instant now) {
        return !now.isAfter(claimedAt.plus(window));
    }
}
