package com.acme.payouts.sandbox;

import java.math.BigDecimal;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The test-control operations, shared by the Java API of {@link MonoovaSandbox} and the HTTP
 * control API under {@code /sandbox/v1}, so both paths behave identically.
 */
final class SandboxOperations {

    private final PayoutBook book;
    private final PayoutLifecycle lifecycle;
    private final FaultPolicy faults;
    private final WebhookDispatcher webhooks;
    private final Receivables receivables;

    SandboxOperations(
            PayoutBook book, PayoutLifecycle lifecycle, FaultPolicy faults, WebhookDispatcher webhooks, Receivables receivables) {
        this.book = book;
        this.lifecycle = lifecycle;
        this.faults = faults;
        this.webhooks = webhooks;
        this.receivables = receivables;
    }

    SandboxTransaction dishonour(String uniqueReference, String reason) {
        return lifecycle.dishonour(record(uniqueReference), reason);
    }

    Receivables.Accepted inboundCredit(InboundCredit credit) {
        return receivables.receive(credit);
    }

    List<Long> emit(String eventName, Object payload) {
        if (!SubscriptionRegistry.EVENT_NAMES.contains(eventName)) {
            throw new IllegalArgumentException("eventName must be one of the documented event names");
        }
        return webhooks.emit(eventName, payload);
    }

    SandboxTransaction complete(String uniqueReference) {
        return lifecycle.complete(record(uniqueReference));
    }

    SandboxTransaction reject(String uniqueReference, String reason) {
        return lifecycle.reject(record(uniqueReference), reason);
    }

    SandboxTransaction returnPayment(String uniqueReference, String reason) {
        return lifecycle.returnPayment(record(uniqueReference), reason);
    }

    void credit(BigDecimal amount) {
        book.credit(amount);
    }

    void setFaults(long seed, double rate) {
        faults.set(seed, rate);
    }

    Optional<SandboxTransaction> transaction(String uniqueReference) {
        return book.transaction(uniqueReference);
    }

    List<SandboxTransaction> transactions() {
        return book.transactions();
    }

    int executeCalls(String uniqueReference) {
        return book.executeCalls(uniqueReference);
    }

    LedgerSnapshot ledger() {
        return book.ledger();
    }

    List<WebhookDelivery> deliveries() {
        return webhooks.deliveries();
    }

    private PayoutRecord record(String uniqueReference) {
        return book.find(uniqueReference)
                .orElseThrow(() -> new NoSuchElementException("No executed transaction has this uniqueReference."));
    }
}
