package com.acme.payouts.submission;

import com.acme.payouts.monoova.ExecuteOutcome;
import com.acme.payouts.monoova.StatusOutcome;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutService.ApplyResult;
import com.acme.payouts.payout.PayoutStatus;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a classified Monoova answer into the payout event it stands for. The classification itself
 * lives in {@code MonoovaClassifier}; the legality of the change in the transition table.
 */
public class OutcomeRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final PayoutService payouts;

    public OutcomeRecorder(PayoutService payouts) {
        this.payouts = payouts;
    }

    public ApplyResult recordExecute(String payoutId, ExecuteOutcome outcome) {
        if (outcome instanceof ExecuteOutcome.Accepted a) {
            return payouts.apply(payoutId, PayoutEvent.MONOOVA_ACCEPTED,
                    "Monoova accepted the transaction (" + a.status() + ")",
                    p -> p.withMonoovaTransactionId(a.transactionId()));
        }
        if (outcome instanceof ExecuteOutcome.Rejected r) {
            return payouts.apply(payoutId, PayoutEvent.PAYMENT_REJECTED,
                    "Monoova refused the transaction: " + r.code()
                            + (r.description() == null ? "" : " (" + r.description() + ")"));
        }
        if (outcome instanceof ExecuteOutcome.FundsShort f) {
            return payouts.apply(payoutId, PayoutEvent.FUNDS_SHORT,
                    "Monoova refused the transaction for lack of funds (" + f.code() + "); waiting for funds");
        }
        ExecuteOutcome.Unknown u = (ExecuteOutcome.Unknown) outcome;
        return payouts.apply(payoutId, PayoutEvent.OUTCOME_UNKNOWN, u.why());
    }

    /**
     * Applies a status lookup. Returns the event applied, if any, so the caller can tell a payout
     * that went back to RECEIVED (to be submitted again, same reference) from one that settled.
     */
    public Optional<PayoutEvent> recordStatus(Payout payout, StatusOutcome outcome) {
        PayoutEvent event;
        String detail;
        UnaryOperator<Payout> enrich = UnaryOperator.identity();
        if (outcome instanceof StatusOutcome.Completed c) {
            event = PayoutEvent.PAYMENT_COMPLETED;
            detail = "status lookup: Complete" + (c.completedDate() == null ? "" : " on " + c.completedDate());
        } else if (outcome instanceof StatusOutcome.Rejected r) {
            event = PayoutEvent.PAYMENT_REJECTED;
            detail = "status lookup: Rejected" + (r.description() == null ? "" : " (" + r.description() + ")");
        } else if (outcome instanceof StatusOutcome.Dishonoured d) {
            event = payout.status() == PayoutStatus.COMPLETED ? PayoutEvent.PAYMENT_RETURNED : PayoutEvent.PAYMENT_REJECTED;
            detail = "status lookup: Dishonoured" + (d.dishonouredDate() == null ? "" : " on " + d.dishonouredDate());
        } else if (outcome instanceof StatusOutcome.Pending p) {
            event = PayoutEvent.MONOOVA_ACCEPTED;
            detail = "status lookup: " + p.transactionStatus();
        } else if (outcome instanceof StatusOutcome.NotFound n) {
            if (payout.status() != PayoutStatus.UNKNOWN) {
                // Monoova accepted this reference earlier; "not found" now contradicts that. Never
                // resubmit on a contradiction: leave it for the next sweep and the operator.
                LOG.error("payout {} is {} but Monoova's status lookup answered {}", payout.id(), payout.status(), n.code());
                return Optional.empty();
            }
            event = PayoutEvent.NOT_RECEIVED_BY_MONOOVA;
            detail = "status lookup: Monoova never received " + payout.monoovaReference() + " (" + n.code()
                    + "); it will be submitted again with the same reference";
        } else {
            LOG.warn("payout {}: status lookup inconclusive: {}", payout.id(), ((StatusOutcome.Unknown) outcome).why());
            return Optional.empty();
        }
        ApplyResult result = payouts.apply(payout.id(), event, detail, enrich);
        return result instanceof PayoutService.Applied ? Optional.of(event) : Optional.empty();
    }
}
