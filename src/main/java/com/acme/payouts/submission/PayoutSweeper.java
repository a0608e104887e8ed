package com.acme.payouts.submission;

import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.store.PayoutStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds payouts that have sat in a non-final state too long, whatever the cause (a queue message
 * lost in a crash, a webhook that never came, a worker that died mid-call), and says what drives each
 * on: a payout never sent is enqueued again; one that may have been sent is resolved through the
 * status endpoint, never by a new reference. Re-checks of the same payout back off exponentially.
 */
public class PayoutSweeper {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final PayoutStore store;
    private final PayoutService payouts;
    private final Clock clock;
    private final Duration staleAfter;
    private final Duration submittingStaleAfter;
    private final Duration receivedStaleAfter;
    private final int batchSize;
    private final Map<String, Backoff> backoff = new ConcurrentHashMap<>();

    public PayoutSweeper(
            PayoutStore store,
            PayoutService payouts,
            Clock clock,
            Duration staleAfter,
            Duration submittingStaleAfter,
            Duration receivedStaleAfter,
            int batchSize) {
        this.store = store;
        this.payouts = payouts;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.submittingStaleAfter = submittingStaleAfter;
        this.receivedStaleAfter = receivedStaleAfter;
        this.batchSize = batchSize;
    }

    private record Backoff(Instant next, int attempts) {}

    public List<SweepAction> due() {
        Instant now = clock.instant();
        // An entry whose wait ended long ago belongs to a payout that settled some other way (e.g. by
        // webhook) and so was never swept again: forget it, or the map only ever grows.
        backoff.values().removeIf(b -> b.next().isBefore(now.minus(MAX_BACKOFF)));
        List<SweepAction> actions = new ArrayList<>();
        // A payout waiting out its back-off is not acted on, and a lookup that finds it still Pending
        // does not change it, so it stays among the oldest stale rows. Read past every payout that may
        // be backing off; otherwise batchSize of them (e.g. direct credits Pending for days) would hide
        // every newer stale payout from the sweeper for as long as they stay Pending.
        int limit = batchSize + backoff.size();
        int enqueued = 0;
        for (Payout p : store.findStale(EnumSet.of(PayoutStatus.RECEIVED), now.minus(receivedStaleAfter), limit)) {
            if (enqueued >= batchSize) {
                break;
            }
            if (ready(p.id(), now)) {
                actions.add(new SweepAction(p.id(), SweepAction.ENQUEUE, p.submitAttempts() + 1));
                enqueued++;
            }
        }
        // A SUBMITTING payout is only taken for abandoned once its worker can no longer be calling
        // Monoova (SendWindow); SUBMITTED and UNKNOWN ones were answered or timed out already.
        List<Payout> maybeSent = new ArrayList<>(store.findStale(EnumSet.of(PayoutStatus.SUBMITTING), now.minus(submittingStaleAfter), limit));
        maybeSent.addAll(store.findStale(EnumSet.of(PayoutStatus.SUBMITTED, PayoutStatus.UNKNOWN), now.minus(staleAfter), limit));
        int resolving = 0;
        for (Payout p : maybeSent) {
            if (resolving >= batchSize) {
                break;
            }
            if (!ready(p.id(), now)) {
                continue;
            }
            resolving++;
            if (p.status() == PayoutStatus.SUBMITTING) {
                // The worker holding it never recorded an answer within the call's timeouts: the
                // call may or may not have reached Monoova.
                payouts.apply(p.id(), PayoutEvent.OUTCOME_UNKNOWN,
                        "no execute answer recorded within " + submittingStaleAfter.toSeconds() + "s");
            }
            actions.add(new SweepAction(p.id(), SweepAction.RESOLVE, p.submitAttempts()));
        }
        return actions;
    }

    /** Called after acting on a payout: wait longer before looking at it again unless it settled. */
    public void acted(String payoutId) {
        Payout p = store.find(payoutId).orElse(null);
        if (p == null || p.status().isSettled()) {
            backoff.remove(payoutId);
            return;
        }
        backoff.compute(payoutId, (id, b) -> {
            int attempts = b == null ? 1 : b.attempts() + 1;
            Duration wait = staleAfter.multipliedBy(1L << Math.min(attempts - 1, 10));
            if (wait.compareTo(MAX_BACKOFF) > 0) {
                wait = MAX_BACKOFF;
            }
            return new Backoff(clock.instant().plus(wait), attempts);
        });
    }

    private boolean ready(String payoutId, Instant now) {
        Backoff b = backoff.get(payoutId);
        return b == null || !now.isBefore(b.next());
    }
}
