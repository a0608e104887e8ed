package com.acme.payouts.sandbox;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves committed payouts through their lifecycle and emits the matching webhooks.
 *
 * <p>NPP: Pending → Complete ({@code NppPaymentStatus} "Payment Successful") or Rejected (money
 * credited back, "Rejected"), and optionally a later return ({@code NppReturn}, money credited
 * back). Direct credit: Pending → Complete with no webhook, because the spec defines none for a
 * successful DE payout. Timers and the control API race for the same payout; the book's state
 * checks make whichever comes second a no-op, so no transition ever happens twice.
 */
final class PayoutLifecycle {

    static final String DEFAULT_REASON = "ACCOUNT CLOSED";

    private static final System.Logger LOG = System.getLogger(PayoutLifecycle.class.getName());

    private final PayoutBook book;
    private final WebhookDispatcher webhooks;
    private final WebhookPayloads payloads;
    private final ScheduledExecutorService scheduler;
    private final SandboxConfig config;

    PayoutLifecycle(
            PayoutBook book,
            WebhookDispatcher webhooks,
            WebhookPayloads payloads,
            ScheduledExecutorService scheduler,
            SandboxConfig config) {
        this.book = book;
        this.webhooks = webhooks;
        this.payloads = payloads;
        this.scheduler = scheduler;
        this.config = config;
    }

    /**
     * Starts the lifecycle of a just-committed payout.
     *
     * @param early finish now, webhook included, on the calling thread: used to make the webhook
     *     overtake the execute response
     */
    void start(PayoutRecord record, boolean early) {
        if (has(record, Scenario.PENDING)) {
            return; // waits for the control API
        }
        if (early) {
            finish(record, true);
            return;
        }
        Duration delay = record.instruction.method().isNpp() ? config.nppCompletionDelay() : config.deCompletionDelay();
        schedule(() -> finish(record, false), delay);
    }

    /** Control API: Pending → Complete. */
    SandboxTransaction complete(PayoutRecord record) {
        PayoutOutcome outcome = book.complete(record).orElseThrow(() -> notPending(record));
        afterCompletion(outcome, false);
        return outcome.transaction();
    }

    /** Control API: Pending → Rejected (NPP only; the spec has no DE rejection). */
    SandboxTransaction reject(PayoutRecord record, String reason) {
        requireNpp(record, "rejected");
        PayoutOutcome outcome = book.reject(record, reasonOrDefault(reason)).orElseThrow(() -> notPending(record));
        afterRejection(outcome, false);
        return outcome.transaction();
    }

    /** Control API: a Complete direct credit is dishonoured (money back, {@code DirectEntryDishonour} Type Credit). */
    SandboxTransaction dishonour(PayoutRecord record, String reason) {
        if (record.instruction.method().isNpp()) {
            throw new IllegalStateException("Only direct credits can be dishonoured in the sandbox.");
        }
        PayoutOutcome outcome = book.markReturned(record, reasonOrDefault(reason))
                .orElseThrow(() -> new IllegalStateException("Only a Complete direct credit that was not yet dishonoured can be dishonoured."));
        afterDishonour(outcome);
        return outcome.transaction();
    }

    /** Control API: a Complete NPP payout is returned. */
    SandboxTransaction returnPayment(PayoutRecord record, String reason) {
        requireNpp(record, "returned");
        PayoutOutcome outcome = book.markReturned(record, reasonOrDefault(reason))
                .orElseThrow(() -> new IllegalStateException("Only a Complete payout that was not yet returned can be returned."));
        afterReturn(outcome);
        return outcome.transaction();
    }

    private void finish(PayoutRecord record, boolean synchronousWebhook) {
        if (record.instruction.method().isNpp() && has(record, Scenario.REJECT)) {
            book.reject(record, DEFAULT_REASON).ifPresent(outcome -> afterRejection(outcome, synchronousWebhook));
        } else {
            book.complete(record).ifPresent(outcome -> afterCompletion(outcome, synchronousWebhook));
        }
    }

    private void afterCompletion(PayoutOutcome outcome, boolean synchronousWebhook) {
        PayoutRecord record = outcome.record();
        if (!record.instruction.method().isNpp()) {
            if (has(record, Scenario.DISHONOUR)) {
                schedule(() -> book.markReturned(record, DEFAULT_REASON).ifPresent(this::afterDishonour), config.returnDelay());
            }
            return;
        }
        publish(WebhookPayloads.NPP_PAYMENT_STATUS, record, payloads.paymentStatus(outcome), record.webhookFault, synchronousWebhook);
        if (has(record, Scenario.RETURN)) {
            schedule(() -> book.markReturned(record, DEFAULT_REASON).ifPresent(this::afterReturn), config.returnDelay());
        }
    }

    private void afterRejection(PayoutOutcome outcome, boolean synchronousWebhook) {
        PayoutRecord record = outcome.record();
        publish(WebhookPayloads.NPP_PAYMENT_STATUS, record, payloads.paymentStatus(outcome), record.webhookFault, synchronousWebhook);
    }

    private void afterDishonour(PayoutOutcome outcome) {
        PayoutRecord record = outcome.record();
        publish(WebhookPayloads.DIRECT_ENTRY_DISHONOUR, record, payloads.dishonour(outcome), WebhookFault.NONE, false);
    }

    private void afterReturn(PayoutOutcome outcome) {
        // Scenario webhook faults target the final-status webhook only; a return is always delivered
        publish(WebhookPayloads.NPP_RETURN, outcome.record(), payloads.nppReturn(outcome), WebhookFault.NONE, false);
    }

    private void publish(
            String event, PayoutRecord record, Map<String, Object> payload, WebhookFault fault, boolean sync) {
        webhooks.publish(event, record.uniqueReference(), payload, fault, sync);
    }

    private void schedule(Runnable task, Duration delay) {
        Runnable logged = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Payout lifecycle task failed", e);
            }
        };
        try {
            scheduler.schedule(logged, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "Lifecycle step skipped: sandbox closed");
        }
    }

    private static boolean has(PayoutRecord record, Scenario scenario) {
        return record.instruction.scenarios().contains(scenario);
    }

    private static void requireNpp(PayoutRecord record, String verb) {
        if (!record.instruction.method().isNpp()) {
            throw new IllegalStateException("Only NPP payouts can be " + verb + " in the sandbox.");
        }
    }

    private static String reasonOrDefault(String reason) {
        return Optional.ofNullable(reason).filter(r -> !r.isBlank()).orElse(DEFAULT_REASON);
    }

    private static IllegalStateException notPending(PayoutRecord record) {
        return new IllegalStateException("Transaction " + record.transactionId + " is not Pending.");
    }
}
