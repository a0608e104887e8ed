package com.acme.payouts.payout;

import com.acme.payouts.store.PayoutStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the {@link CoolingOffPolicy} after intake: holds a RECEIVED payout whose payee's destination
 * changed since it was accepted (checked just before the claim, so nothing is ever sent to a destination
 * still cooling off), and releases HELD payouts whose period has ended.
 *
 * <p>Both are compare-and-set transitions of the table: of several instances releasing the same payout
 * exactly one moves it to RECEIVED and enqueues it; the others see it no longer HELD and do nothing.
 * The period is always measured against the payee's current facts, so a destination that changes again
 * during the hold extends it.
 */
public class CoolingOff {

    private static final Logger LOG = LoggerFactory.getLogger(CoolingOff.class);

    private final PayoutService payouts;
    private final PayoutStore store;
    private final PayeeDirectory payees;
    private final CoolingOffPolicy policy;
    private final Clock clock;

    public CoolingOff(PayoutService payouts, PayoutStore store, PayeeDirectory payees, CoolingOffPolicy policy, Clock clock) {
        this.payouts = payouts;
        this.store = store;
        this.payees = payees;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Before a RECEIVED payout is claimed: holds it if its payee is cooling off (and no checker approved
     * it during the period, in approval mode).
     *
     * @return true if the payout is HELD (now or already) and must not be submitted: its message must
     *     leave no "processed" mark, since the release enqueues the same attempt again
     */
    public boolean holdIfCooling(String payoutId) {
        if (policy.isOff()) {
            return false; // nothing can be HELD: no reads on the submission path
        }
        Optional<Payout> found = payouts.find(payoutId);
        if (found.isPresent() && found.get().status() == PayoutStatus.HELD) {
            return true;
        }
        if (found.isEmpty() || found.get().status() != PayoutStatus.RECEIVED) {
            return false;
        }
        Payout payout = found.get();
        if (policy.periodFor(payout.customerId()).isZero()) {
            return false; // this customer's payees never cool off: no payee read
        }
        Optional<PayeeFacts> payee = payees.facts(payout.payeeId());
        if (payee.isEmpty()) {
            return false; // the claim goes on and refuses it: the payee is gone
        }
        Optional<Instant> until = policy.coolingUntil(payee.get(), clock.instant());
        if (until.isEmpty() || policy.approvalCovers(payout, payee.get())) {
            return false;
        }
        PayoutService.ApplyResult held = payouts.apply(payoutId, PayoutEvent.COOLING_OFF_HOLD,
                CoolingOffPolicy.reason(payee.get(), until.get()));
        return held instanceof PayoutService.Applied;
    }

    /**
     * Releases HELD payouts whose cooling-off has ended (the oldest held first, at most {@code limit}
     * looked at); a payout whose payee is gone is released too, and its claim refuses it.
     *
     * @return the ids released, each by exactly one caller, to be enqueued for submission
     */
    public List<String> releaseDue(int limit) {
        Instant now = clock.instant();
        List<String> released = new ArrayList<>();
        for (Payout p : store.findStale(EnumSet.of(PayoutStatus.HELD), now.plusMillis(1), limit)) {
            Optional<PayeeFacts> payee = payees.facts(p.payeeId());
            Optional<Instant> until = payee.flatMap(f -> policy.coolingUntil(f, now));
            if (until.isPresent()) {
                continue;
            }
            String detail = payee.isPresent()
                    ? "cooling-off ended (payee destination set at " + payee.get().destinationSince() + ")"
                    : "cooling-off ended: payee no longer exists";
            if (payouts.apply(p.id(), PayoutEvent.COOLING_OFF_ENDED, detail) instanceof PayoutService.Applied) {
                released.add(p.id());
            }
        }
        if (!released.isEmpty()) {
            LOG.info("released {} payout(s) at the end of their payee's cooling-off", released.size());
        }
        return released;
    }
}
