package com.acme.payouts.namecheck;

import com.acme.payouts.payee.Masking;
import com.acme.payouts.payee.PayIdDestination;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeDestination;
import com.acme.payouts.payee.PayeeType;
import com.acme.payouts.payee.PayeeVault;
import com.acme.payouts.payout.Actor;
import com.acme.payouts.store.NameCheckStore;
import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.RequestRejectedException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The optional name check of a PayID payee: asks Monoova for the PayID owner's name, compares it with
 * the name we hold ({@link NameComparison}) and stores the result (the owner's name masked only). Each
 * check is a paid Monoova call, so it runs only when asked and only for customers it is enabled for.
 */
public class NameCheckService {

    /** Monoova gave no usable answer (timeout, 5xx): nothing was stored; the check may be asked again. */
    public static class UnavailableException extends RuntimeException {
        public UnavailableException(String reason) {
            super("the name check at Monoova is unavailable: " + reason);
        }
    }

    /** Monoova refused the verification request; asking again will not help. */
    public static class RefusedException extends RuntimeException {
        public RefusedException(String code) {
            super("Monoova refused the name check: " + code);
        }
    }

    private final PayeeVault vault;
    private final PayIdOwners owners;
    private final NameCheckStore store;
    private final Predicate<String> enabledFor;
    private final Clock clock;

    /** @param enabledFor whether a customer's payees may be checked (the call costs a fee) */
    public NameCheckService(PayeeVault vault, PayIdOwners owners, NameCheckStore store, Predicate<String> enabledFor, Clock clock) {
        this.vault = vault;
        this.owners = owners;
        this.store = store;
        this.enabledFor = enabledFor;
        this.clock = clock;
    }

    /**
     * Checks the payee now.
     *
     * @throws RequestRejectedException (422) if the payee is not a PayID or its customer has the check off
     * @throws UnavailableException if Monoova gave no usable answer
     * @throws RefusedException if Monoova refused the request
     */
    public NameCheck check(Payee payee, Actor by) {
        if (payee.type() != PayeeType.PAYID) {
            throw RequestRejectedException.unprocessable(List.of(new FieldError("payeeId", "name-check-payid-only",
                    "Monoova returns an owner name for PayIDs only")));
        }
        if (!enabledFor.test(payee.customerId())) {
            throw RequestRejectedException.unprocessable(List.of(new FieldError("payeeId", "name-check-disabled",
                    "name checks are not enabled for this payee's customer (each one costs a Monoova fee)")));
        }
        PayeeDestination destination = vault.open(payee.id())
                .orElseThrow(() -> RequestRejectedException.unprocessable(
                        List.of(new FieldError("payeeId", "not-found", "no payee with this id"))));
        PayIdDestination payId = (PayIdDestination) destination;
        PayIdOwners.Answer answer = owners.ownerOf(payId.payIdType().wireName(), payId.payId(), payId.accountName(), payee.id());
        NameCheck check;
        if (answer instanceof PayIdOwners.Owner o) {
            check = new NameCheck(payee.id(), payee.customerId(), NameComparison.compare(payId.accountName(), o.ownerName()),
                    o.ownerName() == null ? null : Masking.name(o.ownerName()), o.feeIncGst(), o.token(), clock.instant(),
                    by.id(), by.name());
        } else if (answer instanceof PayIdOwners.NotFound) {
            check = new NameCheck(payee.id(), payee.customerId(), NameMatch.PAYID_NOT_FOUND, null, null, null,
                    clock.instant(), by.id(), by.name());
        } else if (answer instanceof PayIdOwners.Refused r) {
            throw new RefusedException(r.code());
        } else {
            throw new UnavailableException(((PayIdOwners.Unavailable) answer).reason());
        }
        store.save(check);
        return check;
    }

    public Optional<NameCheck> latest(String payeeId) {
        return store.find(payeeId);
    }
}
