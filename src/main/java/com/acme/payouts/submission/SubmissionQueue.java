package com.acme.payouts.submission;

import com.acme.payouts.messaging.MessageHeaders;
import com.acme.payouts.payout.PayoutService;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;

/**
 * Builds the message that asks the payout-submit route to submit one payout. The body is only the
 * payout id and attempt number; payee details never travel on a queue.
 */
public class SubmissionQueue {

    private final SubmissionSteps steps;
    private final PayoutService payouts;

    public SubmissionQueue(SubmissionSteps steps, PayoutService payouts) {
        this.steps = steps;
        this.payouts = payouts;
    }

    /**
     * Replaces the body with the submission message for the payout in the {@code payoutId} property.
     * The attempt is the payout's next submit attempt, unless the caller set {@code attempt}.
     */
    public void prepare(Exchange exchange) throws JsonProcessingException {
        String payoutId = exchange.getProperty(SubmissionSteps.PAYOUT_ID, String.class);
        Integer attempt = exchange.getProperty(ResolutionSteps.ATTEMPT, Integer.class);
        if (attempt == null) {
            attempt = payouts.find(payoutId).map(p -> p.submitAttempts() + 1).orElse(1);
        }
        MessageHeaders.keepOnlyCamel(exchange.getMessage());
        exchange.getMessage().setBody(steps.message(payoutId, attempt));
    }
}
