package com.acme.payouts.api;

import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutIntake;
import com.acme.payouts.payout.PayoutRequestFields;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.security.Caller;
import com.acme.payouts.security.Callers;
import com.acme.payouts.store.Page;
import com.acme.payouts.store.PayoutQuery;
import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.submission.SubmissionSteps;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** The payout operations of the REST API ({@code direct:createPayout}, {@code getPayout}, {@code listPayouts}). */
public class PayoutApi {

    /** Exchange property: a new payout was stored and must be enqueued for submission. */
    public static final String ENQUEUE = "enqueueSubmission";
    private static final String RESULT = "createResult";

    private final PayoutIntake intake;
    private final PayoutService payouts;
    private final PayoutStore store;
    private final ApiResponses responses;
    private final ObjectMapper json;

    public PayoutApi(PayoutIntake intake, PayoutService payouts, PayoutStore store, ApiResponses responses, ObjectMapper json) {
        this.intake = intake;
        this.payouts = payouts;
        this.store = store;
        this.responses = responses;
        this.json = json;
    }

    public void create(Exchange exchange) throws IOException {
        String key = exchange.getIn().getHeader("Idempotency-Key", String.class);
        PayoutRequestFields fields = json.readValue(exchange.getIn().getBody(String.class), PayoutRequestFields.class);
        PayoutService.CreateResult result = intake.accept(key, "api", Callers.of(exchange).requester(), fields);
        if (result instanceof PayoutService.KeyConflict) {
            throw ApiProblemException.conflict("idempotency-key-reused",
                    "this Idempotency-Key was already used for a different request");
        }
        boolean replay = result instanceof PayoutService.Replayed;
        // A payout held for approval is enqueued when it is approved, not now.
        exchange.setProperty(ENQUEUE, !replay && result.payout().status() == PayoutStatus.RECEIVED);
        exchange.setProperty(SubmissionSteps.PAYOUT_ID, result.payout().id());
        exchange.setProperty(RESULT, result);
    }

    /** Answers 202 for the payout {@link #create} stored or found; runs after it was enqueued. */
    public void respondAccepted(Exchange exchange) {
        PayoutService.CreateResult result = exchange.getProperty(RESULT, PayoutService.CreateResult.class);
        Payout payout = result.payout();
        responses.respond(exchange, 202, PayoutView.of(payout), result instanceof PayoutService.Replayed
                ? Map.of("Location", location(payout), "Idempotent-Replayed", "true")
                : Map.of("Location", location(payout)));
    }

    public void get(Exchange exchange) {
        responses.respond(exchange, 200, PayoutView.of(visible(exchange)), Map.of());
    }

    /** The payout named in the path, if the caller may see its customer (otherwise 404, as if absent). */
    private Payout visible(Exchange exchange) {
        String id = exchange.getIn().getHeader("payoutId", String.class);
        Caller caller = Callers.of(exchange);
        return payouts.find(id)
                .filter(p -> caller.mayAccess(p.customerId()))
                .orElseThrow(() -> ApiProblemException.notFound("no payout " + id));
    }

    /** {@code POST /v1/payouts/{payoutId}/approve}: maker-checker's second principal says yes. */
    public void approve(Exchange exchange) {
        Payout payout = visible(exchange);
        decided(exchange, payouts.approve(payout.id(), Callers.of(exchange).actor()));
    }

    /** {@code POST /v1/payouts/{payoutId}/reject}: the checker says no; the payout is CANCELLED. */
    public void reject(Exchange exchange) throws IOException {
        Payout payout = visible(exchange);
        String reason = json.readTree(exchange.getIn().getBody(String.class)).path("reason").asText();
        decided(exchange, payouts.reject(payout.id(), Callers.of(exchange).actor(), reason));
    }

    private void decided(Exchange exchange, PayoutService.DecisionResult result) {
        if (result instanceof PayoutService.NotFound n) {
            throw ApiProblemException.notFound("no payout " + n.payoutId());
        }
        if (result instanceof PayoutService.SelfApproval) {
            throw ApiProblemException.forbidden("self-approval",
                    "the principal that created a payout can never approve or reject it");
        }
        if (result instanceof PayoutService.NotPending n) {
            throw ApiProblemException.conflict("not-pending-approval",
                    "the payout is " + n.payout().status() + ", not waiting for approval");
        }
        if (result instanceof PayoutService.Expired) {
            throw ApiProblemException.conflict("approval-expired", "the approval time ran out; the payout is cancelled");
        }
        Payout payout = ((PayoutService.Decided) result).payout();
        exchange.setProperty(ENQUEUE, payout.status() == PayoutStatus.RECEIVED);
        exchange.setProperty(SubmissionSteps.PAYOUT_ID, payout.id());
        exchange.setProperty(RESULT, new PayoutService.Created(payout));
    }

    /** Answers 200 with the decided payout; runs after an approved one was enqueued. */
    public void respondDecided(Exchange exchange) {
        Payout payout = exchange.getProperty(RESULT, PayoutService.CreateResult.class).payout();
        responses.respond(exchange, 200, PayoutView.of(payout), Map.of());
    }

    public void list(Exchange exchange) {
        // Read from the query string the contract validator checked, not from message headers:
        // Camel maps request headers to message headers too, so a header such as "limit: 0" or
        // "status: x" would otherwise bypass validation (and end in a 500).
        Map<String, String> query = queryParameters(exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class));
        String status = query.get("status");
        String limit = query.get("limit");
        String customerId = query.get("customerId");
        Caller caller = Callers.of(exchange);
        if (caller.scoped()) {
            if (customerId == null && caller.customers().size() == 1) {
                customerId = caller.customers().iterator().next();
            } else if (customerId == null) {
                throw ApiProblemException.forbidden("customer-scope",
                        "this credential is scoped to customers: name one with customerId");
            } else if (!caller.mayAccess(customerId)) {
                throw ApiProblemException.forbidden("customer-scope", "this credential is not scoped to that customer");
            }
        }
        Page<Payout> page = store.list(new PayoutQuery(
                status == null ? null : PayoutStatus.valueOf(status),
                customerId,
                limit == null ? 20 : Integer.parseInt(limit),
                query.get("cursor")));
        responses.respond(exchange, 200,
                new PageView(page.items().stream().map(PayoutView::of).toList(), page.nextCursor()), Map.of());
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static String location(Payout payout) {
        return "/v1/payouts/" + payout.id();
    }

    record PageView(java.util.List<PayoutView> items, String nextCursor) {}
}
