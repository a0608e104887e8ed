package com.acme.payouts.payout;

import com.acme.payouts.support.DirectEntryText;
import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.RequestRejectedException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accepts a payout request from any channel: replays an idempotency key it has seen, otherwise
 * checks what the contract cannot (the payee exists, the method suits it, DE's reference rules),
 * counts it against the requester's and the customer's limits, holds it for approval if it is large
 * (maker-checker) and stores the payout. A refused request stores nothing.
 */
public class PayoutIntake {

    private static final BigDecimal MINIMUM = new BigDecimal("0.01");

    private final PayoutService payouts;
    private final PayeeDirectory payees;
    private final ApprovalPolicy approvals;
    private final SpendingLimits limits;
    private final CoolingOffPolicy coolingOff;
    private final Clock clock;

    public PayoutIntake(PayoutService payouts, PayeeDirectory payees) {
        this(payouts, payees, ApprovalPolicy.NONE, SpendingLimits.NONE);
    }

    public PayoutIntake(PayoutService payouts, PayeeDirectory payees, ApprovalPolicy approvals, SpendingLimits limits) {
        this(payouts, payees, approvals, limits, CoolingOffPolicy.NONE, Clock.systemUTC());
    }

    /** @param coolingOff what happens to a payout whose payee's destination was set recently */
    public PayoutIntake(PayoutService payouts, PayeeDirectory payees, ApprovalPolicy approvals, SpendingLimits limits,
            CoolingOffPolicy coolingOff, Clock clock) {
        this.payouts = payouts;
        this.payees = payees;
        this.approvals = approvals;
        this.limits = limits;
        this.coolingOff = coolingOff;
        this.clock = clock;
    }

    /** A request from a channel that is its own principal (e.g. a queue source). */
    public PayoutService.CreateResult accept(String idempotencyKey, String source, PayoutRequestFields fields) {
        return accept(idempotencyKey, source, Requester.of(new Actor(source, source)), fields);
    }

    /**
     * @param source the channel ({@code api}, {@code sqs:<name>}); recorded with the payout
     * @param requester who asks, with their limits
     */
    public PayoutService.CreateResult accept(
            String idempotencyKey, String source, Requester requester, PayoutRequestFields fields) {
        Optional<Payout> existing = payouts.find(PayoutIds.fromIdempotencyKey(idempotencyKey));
        if (existing.isPresent()) {
            // A replay is answered from what was stored, even if the payee has changed since; never to
            // a requester who may not see that customer (a key reused across scopes is a conflict).
            Payout original = existing.get();
            return original.requestFingerprint().equals(fingerprintOf(idempotencyKey, source, fields))
                            && requester.mayAccess(original.customerId())
                    ? new PayoutService.Replayed(original)
                    : new PayoutService.KeyConflict(original);
        }
        Checked checked = check(idempotencyKey, source, fields, requester);
        NewPayout valid = checked.payout();
        // Cooling-off: the reason (null if the payee's destination is established) decides HELD, or,
        // in approval mode, PENDING_APPROVAL like a payout above the threshold.
        String coolingReason = coolingOff.coolingUntil(checked.payee(), clock.instant())
                .map(until -> CoolingOffPolicy.reason(checked.payee(), until))
                .orElse(null);
        boolean approval = approvals.requiresApproval(valid.amount())
                || (coolingReason != null && coolingOff.mode() == CoolingOffPolicy.Mode.APPROVAL);
        NewPayout request = new NewPayout(valid.idempotencyKey(), valid.source(), valid.customerId(), valid.payeeId(),
                valid.payeeMasked(), valid.amount(), valid.method(), valid.reference(), requester.actor(), approval,
                valid.payeeVersion());
        // Limits (per request, per day, velocity per payee and customer) before anything is stored.
        SpendingLimits.Reservation reservation =
                limits.reserve(requester, request.customerId(), request.payeeId(), request.amount());
        PayoutService.CreateResult result;
        try {
            result = payouts.create(request, coolingReason);
        } catch (RuntimeException notStored) {
            limits.release(reservation);
            throw notStored;
        }
        if (!(result instanceof PayoutService.Created)) {
            // Another request with the same key won the insert: this one stored nothing.
            limits.release(reservation);
        }
        return result;
    }

    private static String fingerprintOf(String key, String source, PayoutRequestFields f) {
        try {
            return new NewPayout(key, source, null, f.payeeId(), null, Money.aud(f.amount()),
                            PayoutMethod.valueOf(f.method()), f.reference())
                    .fingerprint();
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return "";
        }
    }

    NewPayout validate(String idempotencyKey, String source, PayoutRequestFields f) {
        return validate(idempotencyKey, source, f, Requester.of(new Actor(source, source)));
    }

    NewPayout validate(String idempotencyKey, String source, PayoutRequestFields f, Requester requester) {
        return check(idempotencyKey, source, f, requester).payout();
    }

    /** A valid request with the payee facts it was checked against. */
    private record Checked(NewPayout payout, PayeeFacts payee) {}

    private Checked check(String idempotencyKey, String source, PayoutRequestFields f, Requester requester) {
        List<FieldError> errors = new ArrayList<>();
        Money amount = null;
        try {
            amount = Money.aud(f.amount());
            if (amount.amount().compareTo(MINIMUM) < 0) {
                errors.add(new FieldError("amount", "minimum", "must be at least 0.01"));
            }
        } catch (RuntimeException e) {
            errors.add(new FieldError("amount", "format", "must be a decimal with two places"));
        }
        if (!Money.AUD.equals(f.currency())) {
            errors.add(new FieldError("currency", "enum", "only AUD is supported"));
        }
        PayoutMethod method;
        try {
            method = PayoutMethod.valueOf(f.method());
        } catch (RuntimeException e) {
            errors.add(new FieldError("method", "enum", "must be NPP or DE"));
            throw RequestRejectedException.invalid(errors);
        }
        if (!errors.isEmpty()) {
            throw RequestRejectedException.invalid(errors);
        }
        // A payee of a customer the requester is not scoped to is, to that requester, no payee at all.
        PayeeFacts payee = payees.facts(f.payeeId())
                .filter(p -> requester.mayAccess(p.customerId()))
                .orElseThrow(() -> RequestRejectedException.unprocessable(
                        List.of(new FieldError("payeeId", "not-found", "no payee with this id"))));
        if (method == PayoutMethod.DE) {
            if (!payee.bankAccount()) {
                errors.add(new FieldError("method", "de-needs-bank-account", "Direct Entry pays bank accounts only; use NPP for a PayID"));
            } else if (!payee.directEntryEligible()) {
                errors.add(new FieldError("method", "de-ineligible-payee",
                        "this payee's account number or name does not fit Direct Entry (at most 9 digits; name of 2-32 DE characters)"));
            }
            String ref = f.reference();
            if (ref != null && (ref.length() > DirectEntryText.MAX_LODGEMENT_REFERENCE || !DirectEntryText.inCharset(ref))) {
                errors.add(new FieldError("reference", "de-lodgement-reference",
                        "for Direct Entry at most 18 characters of the Direct Entry character set"));
            }
        }
        if (!errors.isEmpty()) {
            throw RequestRejectedException.unprocessable(errors);
        }
        return new Checked(
                new NewPayout(idempotencyKey, source, payee.customerId(), payee.payeeId(), payee.masked(), amount, method,
                        f.reference(), new Actor(source, source), false, payee.version()),
                payee);
    }
}
