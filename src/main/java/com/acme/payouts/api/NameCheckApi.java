package com.acme.payouts.api;

import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.namecheck.NameCheck;
import com.acme.payouts.namecheck.NameCheckService;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeVault;
import com.acme.payouts.security.Caller;
import com.acme.payouts.security.Callers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** The payee name check operations ({@code direct:checkPayeeName}, {@code direct:getPayeeNameCheck}). */
public class NameCheckApi {

    private final PayeeVault vault;
    private final NameCheckService checks;
    private final ApiResponses responses;
    private final AuditLog audit;

    public NameCheckApi(PayeeVault vault, NameCheckService checks, ApiResponses responses, AuditLog audit) {
        this.vault = vault;
        this.checks = checks;
        this.responses = responses;
        this.audit = audit;
    }

    /** A name check as the API shows it ({@code NameCheck} in the contract): the owner's name masked only. */
    public record NameCheckView(
            String payeeId,
            String result,
            String ownerName,
            String feeIncGst,
            Instant checkedAt,
            PayoutView.ActorView checkedBy) {

        static NameCheckView of(NameCheck c) {
            return new NameCheckView(c.payeeId(), c.result().name(), c.ownerNameMasked(),
                    c.feeIncGst() == null ? null : c.feeIncGst().stripTrailingZeros().toPlainString(), c.checkedAt(),
                    new PayoutView.ActorView(c.checkedById(), c.checkedByName()));
        }
    }

    public void check(Exchange exchange) {
        Caller caller = Callers.of(exchange);
        Payee payee = payee(exchange, caller);
        NameCheck check;
        try {
            check = checks.check(payee, caller.actor());
        } catch (NameCheckService.UnavailableException e) {
            throw new ApiProblemException(502, "name-check-unavailable", "Bad Gateway", e.getMessage(), List.of());
        } catch (NameCheckService.RefusedException e) {
            throw new ApiProblemException(502, "name-check-refused", "Bad Gateway", e.getMessage(), List.of());
        }
        NameCheckView view = NameCheckView.of(check);
        audit.append("payee.name-checked", "payee:" + payee.id(), caller.actor(), null, view);
        responses.respond(exchange, 200, view, Map.of());
    }

    public void get(Exchange exchange) {
        Payee payee = payee(exchange, Callers.of(exchange));
        NameCheck check = checks.latest(payee.id())
                .orElseThrow(() -> ApiProblemException.notFound("payee " + payee.id() + " has not been name-checked"));
        responses.respond(exchange, 200, NameCheckView.of(check), Map.of());
    }

    private Payee payee(Exchange exchange, Caller caller) {
        String id = exchange.getIn().getHeader("payeeId", String.class);
        // Out of scope is indistinguishable from not there.
        return vault.find(id)
                .filter(p -> caller.mayAccess(p.customerId()))
                .orElseThrow(() -> ApiProblemException.notFound("no payee " + id));
    }
}
