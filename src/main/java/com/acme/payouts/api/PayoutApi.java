package com.acme.payouts.api;

import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutIntake;
import com.acme.payouts.payout.PayoutRequestFields;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
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
        PayoutService.CreateResult result = intake.accept(key, "api", fields);
        if (result instanceof PayoutService.KeyConflict) {
            throw ApiProblemException.conflict("idempotency-key-reused",
                    "this Idempotency-Key was already used for a different request");
        }
        boolean replay = result instanceof PayoutService.Replayed;
        exchange.setProperty(ENQUEUE, !replay);
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
        String id = exchange.getIn().getHeader("payoutId", String.class);
        Payout payout = payouts.find(id).orElseThrow(() -> ApiProblemException.notFound("no payout " + id));
        responses.respond(exchange, 200, PayoutView.of(payout), Map.of());
    }

    public void list(Exchange exchange) {
        // Read from the query string the contract validator checked, not from message headers:
        // Camel maps request headers to message headers too, so a header such as "limit: 0" or
        // "status: x" would otherwise bypass validation (and end in a 500).
        Map<String, String> query = queryParameters(exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class));
        String status = query.get("status");
        String limit = query.get("limit");
        Page<Payout> page = store.list(new PayoutQuery(
                status == null ? null : PayoutStatus.valueOf(status),
                query.get("customerId"),
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
