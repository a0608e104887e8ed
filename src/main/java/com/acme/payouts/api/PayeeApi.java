package com.acme.payouts.api;

import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeInput;
import com.acme.payouts.payee.PayeeVault;
import com.acme.payouts.security.Caller;
import com.acme.payouts.security.Callers;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;

/** The payee operations of the REST API ({@code direct:createPayee}, {@code direct:getPayee}). */
public class PayeeApi {

    private final PayeeVault vault;
    private final ApiResponses responses;
    private final ObjectMapper json;
    private final AuditLog audit;

    public PayeeApi(PayeeVault vault, ApiResponses responses, ObjectMapper json, AuditLog audit) {
        this.vault = vault;
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
            Instant createdAt) {

        static PayeeView of(Payee p) {
            var m = p.masked();
            return new PayeeView(p.id(), p.customerId(), p.type().name(), m.accountName(), m.bsb(), m.accountNumber(),
                    m.payIdType(), m.payId(), p.createdAt());
        }
    }

    public void create(Exchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getIn().getBody(String.class));
        PayeeInput input = new PayeeInput(
                text(body, "type"), text(body, "bsb"), text(body, "accountNumber"), text(body, "accountName"),
                text(body, "payIdType"), text(body, "payId"));
        Caller caller = Callers.of(exchange);
        String customerId = text(body, "customerId");
        if (!caller.mayAccess(customerId)) {
            throw ApiProblemException.forbidden("customer-scope", "this credential is not scoped to that customer");
        }
        Payee payee = vault.register(customerId, input);
        audit.append("payee.created", "payee:" + payee.id(), caller.actor(), null, PayeeView.of(payee));
        responses.respond(exchange, 201, PayeeView.of(payee), Map.of("Location", "/v1/payees/" + payee.id()));
    }

    public void get(Exchange exchange) {
        String id = exchange.getIn().getHeader("payeeId", String.class);
        Caller caller = Callers.of(exchange);
        // Out of scope is indistinguishable from not there.
        Payee payee = vault.find(id)
                .filter(p -> caller.mayAccess(p.customerId()))
                .orElseThrow(() -> ApiProblemException.notFound("no payee " + id));
        responses.respond(exchange, 200, PayeeView.of(payee), Map.of());
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
