package com.acme.payouts.audit;

import com.acme.payouts.payout.Actor;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutAudit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every payout change into the audit log, as a masked snapshot: status, amount, masked payee,
 * who created and who decided, never the reference text or the history.
 *
 * <p>The change is already written when this runs, so a failed append cannot undo it: it is logged
 * (ERROR, with the payout id only) and counted in {@code payouts.audit.append.failures}, which is
 * alarmed on, and the payout's own history still holds the transition.
 */
public class PayoutAuditTrail implements PayoutAudit {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutAuditTrail.class);

    private final AuditLog log;
    private final Counter failures;

    public PayoutAuditTrail(AuditLog log, MeterRegistry meters) {
        this.log = log;
        this.failures = Counter.builder("payouts.audit.append.failures")
                .description("audit entries that could not be appended")
                .register(meters);
    }

    @Override
    public void record(String action, Payout before, Payout after, Actor actor) {
        try {
            log.append(action, "payout:" + after.id(), actor, snapshot(before), snapshot(after));
        } catch (RuntimeException e) {
            failures.increment();
            LOG.error("audit entry {} for payout {} could not be appended: {}", action, after.id(), e.getClass().getSimpleName());
        }
    }

    /** The masked view of a payout the audit trail keeps. */
    static Map<String, Object> snapshot(Payout p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", p.status().name());
        s.put("version", p.version());
        s.put("customerId", p.customerId());
        s.put("payeeId", p.payeeId());
        s.put("payee", p.payeeMasked());
        s.put("amount", p.amount().toPlainString());
        s.put("currency", p.amount().currency());
        s.put("method", p.method().name());
        s.put("source", p.source());
        if (p.createdBy() != null) {
            s.put("createdBy", p.createdBy().id());
        }
        if (p.approvalDeadline() != null) {
            s.put("approvalDeadline", p.approvalDeadline().toString());
        }
        if (p.decidedBy() != null) {
            s.put("decidedBy", p.decidedBy().id());
        }
        if (p.monoovaTransactionId() != null) {
            s.put("monoovaTransactionId", p.monoovaTransactionId());
        }
        if (p.failureReason() != null) {
            s.put("failureReason", p.failureReason());
        }
        return s;
    }
}
