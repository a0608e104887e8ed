package com.acme.payouts.funding;

import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutListener;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.payout.Transition;
import com.acme.payouts.store.ConcurrentUpdateException;
import com.acme.payouts.store.FundingStore;
import com.acme.payouts.store.Page;
import com.acme.payouts.store.PayoutQuery;
import com.acme.payouts.store.PayoutStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money side of payouts (ADR 0006): reserve before a payout is claimed, hold it as
 * AWAITING_FUNDS when the balance does not cover it, release waiting payouts oldest first when money
 * arrives, follow every final outcome back into the balance, record inbound credits once per Monoova
 * transaction, and keep our balance at or below what Monoova's {@code availableToDebit} shows.
 *
 * <p>Every step is idempotent: reservations are per payout and change state by compare-and-set, ledger
 * entries are keyed by Monoova's transaction id, so redeliveries, duplicate webhooks and several
 * instances working at once never count money twice.
 */
public class FundingService implements PayoutListener {

    private static final Logger LOG = LoggerFactory.getLogger(FundingService.class);
    public static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final int CAS_ATTEMPTS = 3;
    private static final int MAX_HELD_SCAN = 10_000;
    /** After Monoova refused a payout for funds, it is not released again before this, doubling per refusal. */
    private static final Duration FIRST_REFUSAL_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MAX_REFUSAL_BACKOFF = Duration.ofMinutes(10);

    private final FundingStore store;
    private final PayoutService payouts;
    private final PayoutStore payoutStore;
    private final Clock clock;
    private final AtomicBoolean checkRequested = new AtomicBoolean();

    public FundingService(FundingStore store, PayoutService payouts, PayoutStore payoutStore, Clock clock) {
        this.store = store;
        this.payouts = payouts;
        this.payoutStore = payoutStore;
        this.clock = clock;
    }

    /** What {@link #admit} decided for a payout about to be claimed. */
    public enum Admission {
        /** Its money is reserved (or it is not RECEIVED, and the claim will decide): go on. */
        PROCEED,
        /** Not covered: it is now AWAITING_FUNDS, nothing reserved, nothing to send. */
        HELD_FOR_FUNDS
    }

    /**
     * Before a RECEIVED payout is claimed: reserve its amount, or move it to AWAITING_FUNDS. The
     * reservation is per payout, so a duplicate message, a resubmission with the same reference or a
     * released payout finds its reservation already in place.
     */
    public Admission admit(String payoutId) {
        Optional<Payout> found = payouts.find(payoutId);
        if (found.isEmpty() || found.get().status() != PayoutStatus.RECEIVED) {
            return Admission.PROCEED;
        }
        Payout payout = found.get();
        ReserveResult reserved = store.reserve(payoutId, payout.amount().amount(), clock.instant());
        if (reserved.mayProceed()) {
            return Admission.PROCEED;
        }
        String detail = reserved.outcome() == ReserveResult.Outcome.UNINITIALISED
                ? "waiting for funds: the balance has not been read from Monoova yet"
                : "waiting for funds: needs " + payout.amount().toPlainString() + ", available "
                        + reserved.available().toPlainString();
        PayoutService.ApplyResult held = payouts.apply(payoutId, PayoutEvent.FUNDS_SHORT, detail);
        return held instanceof PayoutService.Applied ? Admission.HELD_FOR_FUNDS : Admission.PROCEED;
    }

    /**
     * Releases payouts waiting for funds, longest waiting first: each one whose amount can be reserved
     * now goes back to RECEIVED with its reservation held; one that does not fit is passed over (a smaller
     * one behind it may fit), and stays waiting. A payout Monoova itself refused for funds is released
     * again only after a back-off that doubles with each refusal, so a refusal our balance cannot
     * explain never becomes a loop of execute calls.
     *
     * @return the ids of the payouts released, to be enqueued for submission
     */
    public List<String> releaseWaiting(int limit) {
        Instant now = clock.instant();
        List<String> released = new ArrayList<>();
        for (Payout p : payoutStore.findStale(EnumSet.of(PayoutStatus.AWAITING_FUNDS), now.plusSeconds(1), limit)) {
            if (backingOffAfterMonoovaRefusal(p, now)) {
                continue;
            }
            ReserveResult r = store.reserve(p.id(), p.amount().amount(), now);
            if (r.outcome() == ReserveResult.Outcome.UNINITIALISED) {
                break;
            }
            if (!r.mayProceed()) {
                continue;
            }
            String detail = "funds reserved" + (r.available() == null ? "" : "; available after: " + r.available().toPlainString());
            if (payouts.apply(p.id(), PayoutEvent.FUNDS_RESERVED, detail) instanceof PayoutService.Applied) {
                released.add(p.id());
            }
        }
        if (!released.isEmpty()) {
            LOG.info("released {} payout(s) that were waiting for funds", released.size());
        }
        return released;
    }

    private static boolean backingOffAfterMonoovaRefusal(Payout p, Instant now) {
        List<Transition> refusals = p.history().stream()
                .filter(t -> t.event() == PayoutEvent.FUNDS_SHORT && t.from() == PayoutStatus.SUBMITTING)
                .toList();
        if (refusals.isEmpty()) {
            return false;
        }
        Duration wait = FIRST_REFUSAL_BACKOFF.multipliedBy(1L << Math.min(refusals.size() - 1, 16));
        if (wait.compareTo(MAX_REFUSAL_BACKOFF) > 0) {
            wait = MAX_REFUSAL_BACKOFF;
        }
        return now.isBefore(refusals.get(refusals.size() - 1).at().plus(wait));
    }

    /** Follows a payout's change into its reservation (see {@link #settleFor}). */
    @Override
    public void changed(Payout before, Payout after) {
        settleFor(after);
        if (after.status() == PayoutStatus.AWAITING_FUNDS && before.status() == PayoutStatus.SUBMITTING) {
            // Monoova refused for lack of funds although our balance said yes: read Monoova's again.
            checkRequested.set(true);
        }
    }

    /**
     * Brings the payout's reservation in line with its status: FAILED and AWAITING_FUNDS give the money
     * back, COMPLETED spends it, RETURNED gives it back after spending. Idempotent; safe to call again.
     */
    public void settleFor(Payout payout) {
        Instant now = clock.instant();
        String id = payout.id();
        switch (payout.status()) {
            // A payout held for cooling-off keeps no money aside: it reserves again when it is released.
            case FAILED, AWAITING_FUNDS, HELD -> store.settle(id, ReservationState.HELD, ReservationState.RELEASED, now);
            case COMPLETED -> store.settle(id, ReservationState.HELD, ReservationState.SPENT, now);
            case RETURNED -> {
                if (!store.settle(id, ReservationState.SPENT, ReservationState.RETURNED, now)) {
                    store.settle(id, ReservationState.HELD, ReservationState.RETURNED, now);
                }
            }
            default -> {
                // not final: the reservation stays HELD
            }
        }
    }

    /**
     * Catches up reservations whose payout changed without the listener finishing (a crash between
     * the two writes): every HELD reservation of a payout that is final or waiting is settled.
     *
     * @return how many were settled
     */
    public int repair() {
        int repaired = 0;
        for (Reservation r : store.reservations(ReservationState.HELD, MAX_HELD_SCAN)) {
            Optional<Payout> payout = payouts.find(r.payoutId());
            if (payout.isPresent() && (payout.get().status().isSettled() || payout.get().status() == PayoutStatus.AWAITING_FUNDS
                    || payout.get().status() == PayoutStatus.HELD)) {
                settleFor(payout.get());
                repaired++;
            }
        }
        if (repaired > 0) {
            LOG.warn("funding repair settled {} reservation(s) left HELD by an interrupted change", repaired);
        }
        return repaired;
    }

    /** Records an inbound credit (adds to the balance); {@code false} if this Monoova transaction is known. */
    public boolean recordCredit(LedgerEntry credit) {
        boolean added = store.record(credit);
        if (added) {
            LOG.info("funding: {} {} credited ({})", credit.source(), credit.amount().toPlainString(), credit.monoovaTransactionId());
        }
        return added;
    }

    /** Records inbound money Monoova returned to its payer (no effect on the balance). */
    public boolean recordRejectedCredit(LedgerEntry rejected) {
        boolean added = store.record(rejected);
        if (added) {
            LOG.warn("funding: inbound {} {} was rejected by Monoova and returned to the payer: {}", rejected.source(),
                    rejected.amount().toPlainString(), rejected.detail());
        }
        return added;
    }

    /** Creates the balance from Monoova's {@code availableToDebit} on first use; {@code true} if created now. */
    public boolean initialise(BigDecimal availableToDebit) {
        boolean created = store.initialise(floorCents(availableToDebit), clock.instant());
        if (created) {
            LOG.info("funding balance opened at Monoova's availableToDebit {}", availableToDebit.toPlainString());
        }
        return created;
    }

    /** Whether something (Monoova refusing for funds) asked for an early check against Monoova. */
    public boolean takeCheckRequest() {
        return checkRequested.getAndSet(false);
    }

    /**
     * Compares our balance with Monoova's {@code availableToDebit} and keeps ours at or below it
     * (ADR 0006). Monoova should show between {@code low} (our available plus reservations of payouts
     * not sent yet) and {@code high} ({@code low} plus payouts being sent right now or UNKNOWN, which
     * Monoova may or may not have debited). Below {@code low}: ours is lowered by the difference, with an
     * audited adjustment, and the amount is remembered as shortfall. Above {@code high}: an earlier
     * shortfall is given back, at most what was taken. Anything else above is left for reconciliation.
     */
    public FundingCheck check(BigDecimal availableToDebit) {
        Instant now = clock.instant();
        for (int attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
            Optional<FundingBalance> current = store.balance();
            if (current.isEmpty()) {
                initialise(availableToDebit);
                store.observeMonoova(availableToDebit, now);
                return new FundingCheck(availableToDebit, availableToDebit, availableToDebit, BigDecimal.ZERO, BigDecimal.ZERO);
            }
            FundingBalance balance = current.get();
            InFlight inFlight = inFlight();
            BigDecimal low = balance.available().add(inFlight.notSent());
            BigDecimal high = low.add(inFlight.sending());
            BigDecimal adjustment = BigDecimal.ZERO;
            try {
                if (availableToDebit.compareTo(low) < 0) {
                    BigDecimal lower = ceilCents(low.subtract(availableToDebit));
                    adjustment = lower.negate();
                    store.adjust(adjustment(adjustment, "Monoova availableToDebit " + availableToDebit.toPlainString()
                            + " is below the expected " + low.toPlainString() + ": balance lowered"), lower, balance.version());
                    LOG.warn("funding: Monoova shows {} less than expected; available lowered", lower.toPlainString());
                } else if (availableToDebit.compareTo(high) > 0 && balance.shortfall().signum() > 0) {
                    BigDecimal raise = floorCents(availableToDebit.subtract(high)).min(balance.shortfall());
                    if (raise.signum() > 0) {
                        adjustment = raise;
                        store.adjust(adjustment(raise, "Monoova availableToDebit " + availableToDebit.toPlainString()
                                + " shows an earlier shortfall again: balance raised"), raise.negate(), balance.version());
                        LOG.info("funding: {} of an earlier shortfall given back", raise.toPlainString());
                    }
                }
            } catch (ConcurrentUpdateException moved) {
                continue; // a reservation or credit changed the balance meanwhile: look again
            }
            store.observeMonoova(availableToDebit, now);
            return new FundingCheck(availableToDebit, low, high, availableToDebit.subtract(low), adjustment);
        }
        LOG.info("funding check skipped: the balance kept changing");
        return null;
    }

    /**
     * The result of one check against Monoova.
     *
     * @param low what Monoova should show at least
     * @param high what Monoova should show at most
     * @param difference Monoova minus {@code low}
     * @param adjusted what was added to (negative: taken from) our available balance
     */
    public record FundingCheck(BigDecimal monoovaAvailable, BigDecimal low, BigDecimal high, BigDecimal difference,
            BigDecimal adjusted) {}

    /**
     * Reserved money of payouts Monoova cannot have debited yet ({@code notSent}: RECEIVED) and may or
     * may not have ({@code sending}: SUBMITTING, and UNKNOWN until the status lookup decides).
     */
    public record InFlight(BigDecimal notSent, BigDecimal sending) {}

    public InFlight inFlight() {
        BigDecimal notSent = BigDecimal.ZERO;
        BigDecimal sending = BigDecimal.ZERO;
        for (Reservation r : store.reservations(ReservationState.HELD, MAX_HELD_SCAN)) {
            PayoutStatus status = payouts.find(r.payoutId()).map(Payout::status).orElse(null);
            if (status == PayoutStatus.RECEIVED || status == PayoutStatus.AWAITING_FUNDS) {
                notSent = notSent.add(r.amount());
            } else if (status == PayoutStatus.SUBMITTING || status == PayoutStatus.UNKNOWN) {
                sending = sending.add(r.amount());
            }
        }
        return new InFlight(notSent, sending);
    }

    /**
     * The balance as {@code GET /v1/balance} shows it.
     *
     * @param available what new payouts can use now
     * @param reserved accepted payouts that are not final yet
     * @param awaitingFunds payouts waiting for funds (not reserved)
     */
    public record BalanceView(
            boolean initialised,
            BigDecimal available,
            BigDecimal reserved,
            BigDecimal awaitingFunds,
            long awaitingFundsCount,
            BigDecimal shortfall,
            BigDecimal monoovaAvailableToDebit,
            Instant monoovaCheckedAt) {}

    public BalanceView view() {
        BigDecimal awaiting = BigDecimal.ZERO.setScale(2);
        long count = 0;
        String cursor = null;
        do {
            Page<Payout> page = payoutStore.list(new PayoutQuery(PayoutStatus.AWAITING_FUNDS, null, 100, cursor));
            for (Payout p : page.items()) {
                awaiting = awaiting.add(p.amount().amount());
                count++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        Optional<FundingBalance> b = store.balance();
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        return new BalanceView(
                b.isPresent(),
                b.map(FundingBalance::available).orElse(zero),
                b.map(FundingBalance::reserved).orElse(zero),
                awaiting,
                count,
                b.map(FundingBalance::shortfall).orElse(zero),
                b.map(FundingBalance::monoovaAvailable).orElse(null),
                b.map(FundingBalance::monoovaCheckedAt).orElse(null));
    }

    public Optional<FundingBalance> balance() {
        return store.balance();
    }

    private LedgerEntry adjustment(BigDecimal amount, String detail) {
        Instant now = clock.instant();
        return new LedgerEntry("adjust:" + UUID.randomUUID(), LedgerEntry.Kind.ADJUSTMENT, "monoova-check", null, amount,
                null, null, now.atZone(SYDNEY).toLocalDate(), now, now, detail);
    }

    private static BigDecimal floorCents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.FLOOR);
    }

    private static BigDecimal ceilCents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.CEILING);
    }
}
