package com.acme.payouts.api;

import com.acme.payouts.messaging.DeadLetterOperations;
import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.RedriveRecord;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The dead-letter operations of the API: list a flow's dead letters with their reasons, redrive one
 * or all through the normal path, read the redrive audit. The "who" of the audit is the
 * {@code X-Operator} header for now (authentication will supply the principal), else {@code operator}.
 */
public class DeadLetterApi {

    static final String DEFAULT_OPERATOR = "operator";

    private final DeadLetterOperations deadLetters;
    private final RedriveAuditStore audit;
    private final ApiResponses responses;

    public DeadLetterApi(DeadLetterOperations deadLetters, RedriveAuditStore audit, ApiResponses responses) {
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.responses = responses;
    }

    public void list(Exchange exchange) {
        String queue = exchange.getIn().getHeader("queue", String.class);
        String limit = PayoutApi.queryParameters(exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class)).get("limit");
        List<DeadLetterOperations.DeadLetter> items = deadLetters.list(queue, limit == null ? 50 : Integer.parseInt(limit));
        responses.respond(exchange, 200, Map.of("queue", queue, "items", items), Map.of());
    }

    public void redriveOne(Exchange exchange) {
        String queue = exchange.getIn().getHeader("queue", String.class);
        String messageId = exchange.getIn().getHeader("messageId", String.class);
        RedriveRecord record = deadLetters.redriveOne(queue, messageId, who(exchange))
                .orElseThrow(() -> ApiProblemException.notFound("no message " + messageId + " on the dead-letter queue of " + queue));
        responses.respond(exchange, 200, Map.of("items", List.of(record)), Map.of());
    }

    public void redriveAll(Exchange exchange) {
        String queue = exchange.getIn().getHeader("queue", String.class);
        responses.respond(exchange, 200, Map.of("items", deadLetters.redriveAll(queue, who(exchange))), Map.of());
    }

    public void audit(Exchange exchange) {
        String limit = PayoutApi.queryParameters(exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class)).get("limit");
        responses.respond(exchange, 200, Map.of("items", audit.recent(limit == null ? 100 : Integer.parseInt(limit))), Map.of());
    }

    /** The caller as the audit records it; validated by the contract (X-Operator pattern). */
    static String who(Exchange exchange) {
        String operator = exchange.getIn().getHeader("X-Operator", String.class);
        return operator == null || operator.isBlank() ? DEFAULT_OPERATOR : operator.trim();
    }
}
