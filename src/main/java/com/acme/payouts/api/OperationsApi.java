package com.acme.payouts.api;

import com.acme.payouts.monoova.SubscriptionBootstrap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operator commands of the API that talk to Monoova: the webhook subscription bootstrap. */
public class OperationsApi {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsApi.class);

    private final SubscriptionBootstrap subscriptions;
    private final ApiResponses responses;

    public OperationsApi(SubscriptionBootstrap subscriptions, ApiResponses responses) {
        this.subscriptions = subscriptions;
        this.responses = responses;
    }

    public void ensureWebhookSubscriptions(Exchange exchange) {
        try {
            responses.respond(exchange, 200, Map.of("items", subscriptions.ensureNow()), Map.of());
        } catch (RuntimeException e) {
            LOG.warn("webhook subscription bootstrap failed: {}", e.getMessage());
            throw monoovaUnavailable();
        }
    }

    static ApiProblemException monoovaUnavailable() {
        return new ApiProblemException(503, "monoova-unavailable", "Service Unavailable",
                "Monoova could not be reached or refused the call; try again shortly", java.util.List.of());
    }
}
