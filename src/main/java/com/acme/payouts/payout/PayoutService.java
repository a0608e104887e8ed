package com.acme.payouts.payout;

import com.acme.payouts.store.ConcurrentUpdateException;
import com.acme.payouts.store.PayoutStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payout use cases: create idempotently, claim for submission, apply what Monoova tells us.
 *
 * <p>Every change is read, decided through the transition table, then written with compare-and-set
 * on the version read. When the write loses, the payout is read again and the decision is taken
 * again on the new state, so an event that no longer fits is ignored rather than applied twice.
 */
public class PayoutService {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutService.class);
    private static final int MAX_CAS_ATTEMPTS = 8;

    private final PayoutStore store;
    private final Clock clock;
    private final List<PayoutListener> listeners = new CopyOnWriteArrayList<>();

    public PayoutService(PayoutStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Registers a listener told about every change this service writes (see {@link PayoutListener}). */
    public void onChange(PayoutListener listener) {
        listeners.add(listener);
    }

    /** Result of {@link #create}. */
    public sealed interface CreateResult permits Created, Replayed, KeyConflict {
        Payout payout();
    }

    public record Created(Payout payout) implements CreateResult {}

    /** Same idempotency key, same request: the original payout. */
    public record Replayed(Payout payout) implements CreateResult {}

    /** Same idempotency key, different request. */
    public record KeyConflict(Payout payout) implements CreateResult {}

    /** Result of {@link #apply}. */
    public sealed interface ApplyResult permits Applied, Ignored, NotFound {}

    public record Applied(Payout payout) implements ApplyResult {}

    /** The event does not fit the payout's current state (late, duplicate or reordered): nothing changed. */
    public record Ignored(Payout current, PayoutEvent event) implements ApplyResult {}

    public record NotFound(String payoutId) implements ApplyResult {}

    public CreateResult create(NewPayout request) {
        String id = PayoutIds.fromIdempotencyKey(request.idempotencyKey());
        String fingerprint = request.fingerprint();
        Payout payout = Payout.received(
                id,
                request.idempotencyKey(),
                fingerprint,
                request.source(),
                request.customerId(),
                request.payeeId(),
                request.payeeMasked(),
                request.amount(),
                request.method(),
                request.reference(),
                clock.instant());
        if (store.insert(payout)) {
            LOG.info("payout {} received from {} ({} {})", id, request.source(), request.method(), request.amount());
            return new Created(payout);
        }
        Payout existing = store.find(id).orElseThrow(() -> new IllegalStateException("payout " + id + " vanished"));
        return existing.requestFingerprint().equals(fingerprint) ? new Replayed(existing) : new KeyConflict(existing);
    }

    public Optional<Payout> find(String id) {
        return store.find(id);
    }

    /**
     * Moves a RECEIVED payout to SUBMITTING for the caller, who then owns the one execute call.
     * Empty if the payout is in any other state (already claimed, done, or unknown).
     */
    public Optional<Payout> claimForSubmission(String payoutId) {
        ApplyResult result = apply(payoutId, PayoutEvent.SUBMIT_STARTED, "claimed for submission", UnaryOperator.identity());
        return result instanceof Applied applied ? Optional.of(applied.payout()) : Optional.empty();
    }

    public ApplyResult apply(String payoutId, PayoutEvent event, String detail) {
        return apply(payoutId, event, detail, UnaryOperator.identity());
    }

    /**
     * Applies {@code event} if the table allows it from the current state.
     *
     * @param enrich extra data to record with the change (e.g. Monoova's transaction id)
     */
    public ApplyResult apply(String payoutId, PayoutEvent event, String detail, UnaryOperator<Payout> enrich) {
        for (int attempt = 1; attempt <= MAX_CAS_ATTEMPTS; attempt++) {
            Optional<Payout> current = store.find(payoutId);
            if (current.isEmpty()) {
                return new NotFound(payoutId);
            }
            Payout payout = current.get();
            if (!payout.accepts(event)) {
                LOG.info("payout {}: {} ignored in {}", payoutId, event, payout.status());
                return new Ignored(payout, event);
            }
            Payout next = enrich.apply(payout.apply(event, clock.instant(), detail));
            try {
                store.update(next, payout.version());
                LOG.info("payout {}: {} -> {} ({})", payoutId, payout.status(), next.status(), event);
                notifyListeners(payout, next);
                return new Applied(next);
            } catch (ConcurrentUpdateException lost) {
                LOG.debug("payout {}: lost compare-and-set on attempt {}, re-reading", payoutId, attempt);
            }
        }
        throw new ConcurrentUpdateException(payoutId, -1);
    }

    private void notifyListeners(Payout before, Payout after) {
        for (PayoutListener listener : listeners) {
            try {
                listener.changed(before, after);
            } catch (RuntimeException e) {
                // The change is stored and must not be redone; the listener's own repair catches up.
                LOG.warn("payout {}: listener could not follow {} -> {}: {}", after.id(), before.status(), after.status(),
                        e.getClass().getSimpleName());
            }
        }
    }
}
