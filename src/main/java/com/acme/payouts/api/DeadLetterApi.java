package com.acme.payouts.api;

import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.messaging.DeadLetterOperations;
import com.acme.payouts.payout.Actor;
import com.acme.payouts.security.Callers;
import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.RedriveRecord;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The dead-letter operations of the API: list a flow's dead letters with their reasons, redrive one
 * or all through the normal path, read the redrive audit. The "who" of every redrive is the
 * authenticated caller; each one is also appended to the tamper-evident audit trail.
 */
public class DeadLetterApi {

    private final DeadLetterOperations deadLetters;
    private final RedriveAuditStore audit;
    private final ApiResponses responses;
    private final AuditLog auditLog;

    public DeadLetterApi(
            DeadLetterOperations deadLetters, RedriveAuditStore audit, ApiResponses responses, AuditLog auditLog) {
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.responses = responses;
        this.auditLog = auditLog;
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
        audited(exchange, queue, List.of(record));
        responses.respond(exchange, 200, Map.of("items", List.of(record)), Map.of());
    }

    public void redriveAll(Exchange exchange) {
        String queue = exchange.getIn().getHeader("queue", String.class);
        List<RedriveRecord> records = deadLetters.redriveAll(queue, who(exchange));
        audited(exchange, queue, records);
        responses.respond(exchange, 200, Map.of("items", records), Map.of());
    }

    public void audit(Exchange exchange) {
        String limit = PayoutApi.queryParameters(exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class)).get("limit");
        responses.respond(exchange, 200, Map.of("items", audit.recent(limit == null ? 100 : Integer.parseInt(limit))), Map.of());
    }

    /** The caller as the redrive record names it: name and principal id, never a credential. */
    static String who(Exchange exchange) {
        Actor actor = Callers.of(exchange).actor();
        return actor.name() + " (" + actor.id() + ")";
    }

    private void audited(Exchange exchange, String queue, List<RedriveRecord> records) {
        Actor actor = Callers.of(exchange).actor();
        for (RedriveRecord r : records) {
            auditLog.append("dead-letter.redriven", "dead-letter:" + queue, actor, null, r);
        }
    }
}
