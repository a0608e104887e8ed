package com.acme.payouts.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Which Monoova event a webhook is. We subscribe each event with {@code ?event=<name>} on the target
 * URL, so the name normally comes from there; when it doesn't (an old subscription, a resend to a
 * bare URL), the payload's shape tells, using the field names of the spec (DIGEST §6).
 */
public final class WebhookEventNames {

    public static final String NPP_PAYMENT_STATUS = "NppPaymentStatus";
    public static final String NPP_RETURN = "NppReturn";
    public static final String DIRECT_ENTRY_DISHONOUR = "DirectEntryDishonour";
    public static final String INBOUND_DIRECT_CREDIT = "InboundDirectCredit";
    public static final String NPP_RECEIVE_PAYMENT = "NPPReceivePayment";
    public static final String INBOUND_DIRECT_CREDIT_REJECTIONS = "InboundDirectCreditRejections";
    public static final String NPP_CREDIT_REJECTIONS = "NPPCreditRejections";

    /** The events this service subscribes to and processes; every other event is dead-lettered. */
    public static final java.util.List<String> HANDLED = java.util.List.of(
            NPP_PAYMENT_STATUS,
            NPP_RETURN,
            DIRECT_ENTRY_DISHONOUR,
            INBOUND_DIRECT_CREDIT,
            NPP_RECEIVE_PAYMENT,
            INBOUND_DIRECT_CREDIT_REJECTIONS,
            NPP_CREDIT_REJECTIONS);
    public static final String UNKNOWN = "Unknown";

    /** Every event name Monoova's subscriptions accept, spelled as in the spec. */
    public static final Set<String> ALL = Set.of(
            "NppReturn",
            "NppPaymentStatus",
            "PayToReceivePayment",
            "NPPReceivePayment",
            "InboundDirectCredit",
            "InboundDirectDebit",
            "DirectEntryDishonour",
            "PendingInboundRtgsImt",
            "InboundRtgsImtStatus",
            "InboundDirectCreditRejections",
            "NPPCreditRejections",
            "DirectDebitClearance");

    private WebhookEventNames() {}

    public static String resolve(String declared, JsonNode payload) {
        if (declared != null && ALL.contains(declared)) {
            return declared;
        }
        return fromShape(payload);
    }

    static String fromShape(JsonNode p) {
        if (p == null) {
            return UNKNOWN;
        }
        if (p.isArray()) {
            return "InboundDirectCreditRejections";
        }
        if (p.has("UniqueReference") && p.has("Status")) {
            return NPP_PAYMENT_STATUS;
        }
        if (p.has("UniqueReference") && p.has("ReturnReason")) {
            return "NppReturn";
        }
        if (p.has("TransactionReference") && p.has("Type")) {
            return "DirectEntryDishonour";
        }
        if (p.has("DirectCreditDetails")) {
            return "InboundDirectCredit";
        }
        if (p.has("reason") && p.has("transactionType")) {
            return "NPPCreditRejections";
        }
        if (p.has("TransactionId") && p.has("PaymentDescription")) {
            return "NPPReceivePayment";
        }
        return UNKNOWN;
    }
}
