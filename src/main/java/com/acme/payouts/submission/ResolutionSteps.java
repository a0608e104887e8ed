package com.acme.payouts.submission;

import com.acme.payouts.monoova.MonoovaClassifier;
import com.acme.payouts.monoova.MonoovaHttp;
import com.acme.payouts.monoova.StatusOutcome;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutService;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The steps of the payout-resolve route: look the payout's own {@code uniqueReference} up at
 * Monoova and apply the answer. A payout Monoova never received goes back to RECEIVED and is
 * enqueued again; it keeps its reference, so Monoova can still refuse a duplicate.
 */
public class ResolutionSteps {

    public static final String RESUBMIT = "resubmit";
    public static final String ATTEMPT = "attempt";
    public static final String RESOLVABLE = "resolvable";
    private static final String PAYOUT = "resolvingPayout";

    private final PayoutService payouts;
    private final MonoovaHttp http;
    private final MonoovaClassifier classifier;
    private final OutcomeRecorder recorder;

    public ResolutionSteps(PayoutService payouts, MonoovaHttp http, MonoovaClassifier classifier, OutcomeRecorder recorder) {
        this.payouts = payouts;
        this.http = http;
        this.classifier = classifier;
        this.recorder = recorder;
    }

    /** Loads the payout and readies the status GET; sets {@code resolvable} false if there is nothing to do. */
    public void prepare(Exchange exchange) {
        String payoutId = exchange.getProperty(SubmissionSteps.PAYOUT_ID, String.class);
        Optional<Payout> payout = payouts.find(payoutId);
        boolean resolvable = payout.isPresent() && !payout.get().status().isSettled();
        exchange.setProperty(RESOLVABLE, resolvable);
        exchange.removeProperty(RESUBMIT);
        exchange.removeProperty(ATTEMPT);
        exchange.removeProperty("statusCallFailed");
        if (resolvable) {
            exchange.setProperty(PAYOUT, payout.get());
            http.prepareGet(exchange, payout.get().monoovaReference());
        }
    }

    public void recordAnswer(Exchange exchange) {
        record(exchange, classifier.statusAnswered(exchange.getMessage().getBody(String.class)));
    }

    public void recordFailure(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        record(exchange, classifier.statusFailed(MonoovaHttp.failedStatus(caught), MonoovaHttp.failedBody(caught), caught));
    }

    private void record(Exchange exchange, StatusOutcome outcome) {
        Payout payout = exchange.getProperty(PAYOUT, Payout.class);
        http.observe(exchange, "status", outcome);
        http.after(exchange);
        exchange.getMessage().setBody(null);
        Optional<PayoutEvent> applied = recorder.recordStatus(payout, outcome);
        boolean resubmit = applied.filter(e -> e == PayoutEvent.NOT_RECEIVED_BY_MONOOVA).isPresent();
        exchange.setProperty(RESUBMIT, resubmit);
        if (resubmit) {
            exchange.setProperty(ATTEMPT, payout.submitAttempts() + 1);
        }
    }
}
