package com.acme.payouts.api;

import com.acme.payouts.payout.Actor;
import com.acme.payouts.payout.Payout;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.acme.payouts.payout.Transition;
import java.time.Instant;
import java.util.List;

/** A payout as the API shows it ({@code Payout} in the contract). The payee appears masked only. */
public record PayoutView(
        String id,
        String status,
        String payeeId,
        String payee,
        String customerId,
        String amount,
        String currency,
        String method,
        String reference,
        String monoovaReference,
        Long monoovaTransactionId,
        String failureReason,
        int submitAttempts,
        Instant createdAt,
        Instant updatedAt,
        List<TransitionView> history,
        @JsonInclude(JsonInclude.Include.NON_NULL) ActorView createdBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant approvalDeadline,
        @JsonInclude(JsonInclude.Include.NON_NULL) ActorView decidedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer payeeVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) String holdReason) {

    /** A principal as the API shows it: id and name, never a credential. */
    public record ActorView(String principal, String name) {
        static ActorView of(Actor a) {
            return a == null ? null : new ActorView(a.id(), a.name());
        }
    }

    public record TransitionView(String from, String to, String event, Instant at, String detail) {
        static TransitionView of(Transition t) {
            return new TransitionView(
                    t.from() == null ? null : t.from().name(),
                    t.to().name(),
                    t.event() == null ? null : t.event().name(),
                    t.at(),
                    t.detail());
        }
    }

    public static PayoutView of(Payout p) {
        return new PayoutView(
                p.id(),
                p.status().name(),
                p.payeeId(),
                p.payeeMasked(),
                p.customerId(),
                p.amount().toPlainString(),
                p.amount().currency(),
                p.method().name(),
                p.reference(),
                p.monoovaReference(),
                p.monoovaTransactionId(),
                p.failureReason(),
                p.submitAttempts(),
                p.createdAt(),
                p.updatedAt(),
                p.history().stream().map(TransitionView::of).toList(),
                ActorView.of(p.createdBy()),
                p.approvalDeadline(),
                ActorView.of(p.decidedBy()),
                p.payeeVersion(),
                p.holdReason());
    }
}
