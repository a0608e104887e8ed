package com.acme.payouts.payout;

import com.acme.payouts.store.ConcurrentUpdateException;
import com.acme.payouts.store.PayoutStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
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
    private final PayoutAudit audit;
    private final Duration approvalTimeToLive;
    private final List<PayoutListener> listeners = new CopyOnWriteArrayList<>();

    public PayoutService(PayoutStore store, Clock clock) {
        this(store, clock, PayoutAudit.NONE, ApprovalPolicy.NONE.timeToLive());
    }

    /**
     * @param audit told about every change after it was written
     * @param approvalTimeToLive how long a payout held for approval waits before it expires
     */
    public PayoutService(PayoutStore store, Clock clock, PayoutAudit audit, Duration approvalTimeToLive) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.approvalTimeToLive = approvalTimeToLive;
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

    public record NotFound(String payoutId) implements ApplyResult, DecisionResult {}

    /** Result of {@link #approve} and {@link #reject}. */
    public sealed interface DecisionResult permits Decided, NotPending, SelfApproval, Expired, NotFound {}

    public record Decided(Payout payout) implements DecisionResult {}

    /** The payout is not (or no longer) waiting for approval. */
    public record NotPending(Payout payout) implements DecisionResult {}

    /** The checker is the principal that created the payout: maker-checker forbids it. */
    public record SelfApproval(Payout payout) implements DecisionResult {}

    /** The approval time ran out before the decision; the payout is now CANCELLED. */
    public record Expired(Payout payout) implements DecisionResult {}

    public CreateResult create(NewPayout request) {
        return create(request, null);
    }

    /**
     * @param coolingOff why the payee's destination is cooling off (null: it isn't): the payout is
     *     stored HELD, or, if it needs approval anyway, PENDING_APPROVAL with the reason in its history
     */
    public CreateResult create(NewPayout request, String coolingOff) {
        String id = PayoutIds.fromIdempotencyKey(request.idempotencyKey());
        String fingerprint = request.fingerprint();
        Instant now = clock.instant();
        String detail = "accepted from " + request.source();
        PayoutStatus status = PayoutStatus.RECEIVED;
        Instant approvalDeadline = null;
        if (request.requiresApproval()) {
            status = PayoutStatus.PENDING_APPROVAL;
            approvalDeadline = now.plus(approvalTimeToLive);
            detail += "; held for approval until " + approvalDeadline;
        } else if (coolingOff != null) {
            status = PayoutStatus.HELD;
        }
        if (coolingOff != null) {
            detail += "; " + coolingOff;
        }
        Payout payout = Payout.initial(request, id, fingerprint, status, detail, approvalDeadline, now);
        if (store.insert(payout)) {
            LOG.info("payout {} {} from {} ({} {})", id, payout.status(), request.source(), request.method(),
                    request.amount());
            audit.record("payout.created", null, payout, request.createdBy());
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
        return apply(payoutId, event, detail, enrich, actorOf(event));
    }

    /** Monoova's answers and webhooks speak for Monoova; everything else here is the service's own doing. */
    private static Actor actorOf(PayoutEvent event) {
        return switch (event) {
            case MONOOVA_ACCEPTED, PAYMENT_COMPLETED, PAYMENT_REJECTED, PAYMENT_RETURNED, NOT_RECEIVED_BY_MONOOVA -> Actor.MONOOVA;
            default -> Actor.SYSTEM;
        };
    }

    /**
     * A checker approves a payout held for approval: it moves to RECEIVED and is then submitted like
     * any other. Refused for the principal that created it, and once the approval has expired.
     */
    public DecisionResult approve(String payoutId, Actor checker) {
        return decide(payoutId, checker, PayoutEvent.APPROVED, "approved by " + checker.id());
    }

    /** A checker rejects a payout held for approval: it becomes CANCELLED and is never sent. */
    public DecisionResult reject(String payoutId, Actor checker, String reason) {
        return decide(payoutId, checker, PayoutEvent.APPROVAL_REJECTED, "rejected by " + checker.id() + ": " + reason);
    }

    private DecisionResult decide(String payoutId, Actor checker, PayoutEvent event, String detail) {
        Optional<Payout> found = store.find(payoutId);
        if (found.isEmpty()) {
            return new NotFound(payoutId);
        }
        Payout payout = found.get();
        if (payout.status() != PayoutStatus.PENDING_APPROVAL) {
            return new NotPending(payout);
        }
        // Who created it is fixed at creation, so this check cannot race with anything.
        if (checker.sameAs(payout.createdBy())) {
            return new SelfApproval(payout);
        }
        if (payout.approvalDeadline() != null && !clock.instant().isBefore(payout.approvalDeadline())) {
            ApplyResult expired = expire(payoutId);
            return new Expired(expired instanceof Applied a ? a.payout() : payout);
        }
        ApplyResult result = apply(payoutId, event, detail, UnaryOperator.identity(), checker);
        if (result instanceof Applied applied) {
            return new Decided(applied.payout());
        }
        return result instanceof Ignored ignored ? new NotPending(ignored.current()) : new NotFound(payoutId);
    }

    /** Cancels a held payout whose approval time ran out. */
    public ApplyResult expire(String payoutId) {
        return apply(payoutId, PayoutEvent.APPROVAL_EXPIRED, "approval expired", UnaryOperator.identity(), Actor.SYSTEM);
    }

    /** Cancels every held payout whose approval deadline has passed (at most {@code limit} per call). */
    public List<Payout> expireDue(int limit) {
        Instant now = clock.instant();
        List<Payout> expired = new ArrayList<>();
        // Held payouts never change while they wait, so "updated before now - ttl" finds the oldest;
        // each one's own deadline (fixed when it was created) decides.
        for (Payout p : store.findStale(EnumSet.of(PayoutStatus.PENDING_APPROVAL), now.minus(approvalTimeToLive), limit)) {
            if (p.approvalDeadline() == null || !now.isBefore(p.approvalDeadline())) {
                if (expire(p.id()) instanceof Applied applied) {
                    expired.add(applied.payout());
                }
            }
        }
        return expired;
    }

    private ApplyResult apply(
            String payoutId, PayoutEvent event, String detail, UnaryOperator<Payout> enrich, Actor actor) {
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
            Payout next = enrich.apply(payout.apply(event, clock.instant(), detail, actor));
            try {
                store.update(next, payout.version());
                LOG.info("payout {}: {} -> {} ({})", payoutId, payout.status(), next.status(), event);
                audit.record(action(event), payout, next, actor);
                notifyListeners(payout, next);
                return new Applied(next);
            } catch (ConcurrentUpdateException lost) {
                LOG.debug("payout {}: lost compare-and-set on attempt {}, re-reading", payoutId, attempt);
            }
        }
        throw new ConcurrentUpdateException(payoutId, -1);
    }

    private static String action(PayoutEvent event) {
        return switch (event) {
            case APPROVED -> "payout.approved";
            case APPROVAL_REJECTED -> "payout.rejected";
            case APPROVAL_EXPIRED -> "payout.approval-expired";
            case COOLING_OFF_HOLD -> "payout.held";
            case COOLING_OFF_ENDED -> "payout.hold-released";
            default -> "payout.status-changed";
        };
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
