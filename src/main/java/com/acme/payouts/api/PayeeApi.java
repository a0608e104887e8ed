package com.acme.payouts.api;

import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeInput;
import com.acme.payouts.payee.PayeeKeyRotation;
import com.acme.payouts.payee.PayeeVault;
import com.acme.payouts.security.Caller;
import com.acme.payouts.security.Callers;
import com.acme.payouts.store.Page;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The payee operations of the REST API ({@code direct:createPayee}, {@code listPayees}, {@code getPayee},
 * {@code updatePayee}, {@code deletePayee}) and the payee key rotation ({@code startPayeeKeyRotation},
 * {@code getPayeeKeyRotation}). Only masked values ever leave through here.
 */
public class PayeeApi {

    private final PayeeVault vault;
    private final PayeeKeyRotation rotation;
    private final ApiResponses responses;
    private final ObjectMapper json;
    private final AuditLog audit;

    public PayeeApi(PayeeVault vault, PayeeKeyRotation rotation, ApiResponses responses, ObjectMapper json, AuditLog audit) {
        this.vault = vault;
        this.rotation = rotation;
        this.responses = responses;
        this.json = json;
        this.audit = audit;
    }

    /** A payee as the API shows it ({@code Payee} in the contract): masked values only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PayeeView(
            String id,
            String customerId,
            String type,
            String accountName,
            String bsb,
            String accountNumber,
            String payIdType,
            String payId,
            int version,
            Instant createdAt) {

        static PayeeView of(Payee p) {
            var m = p.masked();
            return new PayeeView(p.id(), p.customerId(), p.type().name(), m.accountName(), m.bsb(), m.accountNumber(),
                    m.payIdType(), m.payId(), p.version(), p.createdAt());
        }
    }

    record PayeePageView(List<PayeeView> items, String nextCursor) {}

    /** 201 with a new payee; 200 with the customer's existing payee when the destination is already registered. */
    public void create(Exchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getIn().getBody(String.class));
        PayeeInput input = input(body);
        Caller caller = Callers.of(exchange);
        String customerId = text(body, "customerId");
        if (!caller.mayAccess(customerId)) {
            throw ApiProblemException.forbidden("customer-scope", "this credential is not scoped to that customer");
        }
        PayeeVault.Registration registration = vault.register(customerId, input);
        Payee payee = registration.payee();
        if (registration.created()) {
            audit.append("payee.created", "payee:" + payee.id(), caller.actor(), null, PayeeView.of(payee));
        }
        responses.respond(exchange, registration.created() ? 201 : 200, PayeeView.of(payee),
                Map.of("Location", "/v1/payees/" + payee.id()));
    }

    public void get(Exchange exchange) {
        Payee payee = visible(exchange, exchange.getIn().getHeader("payeeId", String.class));
        responses.respond(exchange, 200, PayeeView.of(payee), Map.of());
    }

    public void list(Exchange exchange) {
        Map<String, String> query = PayoutApi.queryParameters(exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class));
        String customerId = query.get("customerId");
        Caller caller = Callers.of(exchange);
        if (!caller.mayAccess(customerId)) {
            throw ApiProblemException.forbidden("customer-scope", "this credential is not scoped to that customer");
        }
        String limit = query.get("limit");
        Page<Payee> page = vault.list(customerId, limit == null ? 20 : Integer.parseInt(limit), query.get("cursor"));
        responses.respond(exchange, 200,
                new PayeePageView(page.items().stream().map(PayeeView::of).toList(), page.nextCursor()), Map.of());
    }

    /** 200 with the payee: a new version if the destination or name changed, the same one if nothing did. */
    public void update(Exchange exchange) throws IOException {
        String id = exchange.getIn().getHeader("payeeId", String.class);
        Payee before = visible(exchange, id);
        JsonNode body = json.readTree(exchange.getIn().getBody(String.class));
        PayeeVault.Update result = vault.update(id, input(body));
        if (result instanceof PayeeVault.Updated updated) {
            audit.append("payee.updated", "payee:" + id, Callers.of(exchange).actor(), PayeeView.of(before),
                    PayeeView.of(updated.payee()));
            responses.respond(exchange, 200, PayeeView.of(updated.payee()), Map.of());
        } else if (result instanceof PayeeVault.Unchanged unchanged) {
            responses.respond(exchange, 200, PayeeView.of(unchanged.payee()), Map.of());
        } else if (result instanceof PayeeVault.DuplicateDestination duplicate) {
            throw ApiProblemException.conflict("duplicate-payee",
                    "this customer already has payee " + duplicate.existingPayeeId() + " with that destination");
        } else if (result instanceof PayeeVault.UpdateConflict) {
            throw ApiProblemException.conflict("concurrent-update", "the payee changed meanwhile; read it and try again");
        } else {
            throw ApiProblemException.notFound("no payee " + id);
        }
    }

    /** 204: the payee's data keys are destroyed (crypto-shredding); payouts keep their masked summary. */
    public void delete(Exchange exchange) {
        String id = exchange.getIn().getHeader("payeeId", String.class);
        Payee payee = visible(exchange, id);
        if (!vault.delete(id)) {
            throw ApiProblemException.notFound("no payee " + id);
        }
        audit.append("payee.deleted", "payee:" + id, Callers.of(exchange).actor(), PayeeView.of(payee), null);
        responses.noContent(exchange);
    }

    /** 202 with the rotation job's status; while one runs, that one. */
    public void startKeyRotation(Exchange exchange) {
        PayeeKeyRotation.Status status = rotation.start();
        audit.append("payee-keys.rotation-started", "payee-key-rotation:" + status.id(), Callers.of(exchange).actor(),
                null, status);
        responses.respond(exchange, 202, status, Map.of("Location", "/v1/ops/payee-key-rotations/" + status.id()));
    }

    public void getKeyRotation(Exchange exchange) {
        String id = exchange.getIn().getHeader("rotationId", String.class);
        PayeeKeyRotation.Status status = rotation.status(id)
                .orElseThrow(() -> ApiProblemException.notFound("no payee key rotation " + id + " on this instance"));
        responses.respond(exchange, 200, status, Map.of());
    }

    /** The payee if it exists and the caller may see it; out of scope is indistinguishable from not there. */
    private Payee visible(Exchange exchange, String id) {
        Caller caller = Callers.of(exchange);
        return vault.find(id)
                .filter(p -> caller.mayAccess(p.customerId()))
                .orElseThrow(() -> ApiProblemException.notFound("no payee " + id));
    }

    private static PayeeInput input(JsonNode body) {
        return new PayeeInput(
                text(body, "type"), text(body, "bsb"), text(body, "accountNumber"), text(body, "accountName"),
                text(body, "payIdType"), text(body, "payId"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
