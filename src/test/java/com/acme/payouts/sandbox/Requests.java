package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Valid execute/validate bodies, shaped like the spec's own examples plus the required
 * {@code paymentSource}; tests mutate them to build invalid vectors.
 */
final class Requests {

    static final String BSB = "802-985";
    static final String ACCOUNT_NUMBER = "819877339";
    static final String ACCOUNT_NAME = "Jane Citizen";
    static final String PAY_ID = "jane.citizen@example.com";

    private Requests() {}

    static String reference() {
        return "ref-" + UUID.randomUUID();
    }

    static ObjectNode nppBankAccount(String reference, String amount) {
        ObjectNode details = SandboxClient.MAPPER.createObjectNode()
                .put("bsbNumber", BSB)
                .put("accountNumber", ACCOUNT_NUMBER)
                .put("accountName", ACCOUNT_NAME)
                .put("endToEndId", "E2E/123-4356")
                .put("remitterName", "Acme Payouts");
        ObjectNode disbursement = SandboxClient.MAPPER.createObjectNode()
                .put("disbursementMethod", "NppCreditBankAccount")
                .put("amount", new BigDecimal(amount))
                .put("lodgementReference", "Payout 123");
        disbursement.set("toNppCreditBankAccountDetails", details);
        return transaction(reference, amount, disbursement);
    }

    static ObjectNode nppPayId(String reference, String amount) {
        ObjectNode details = SandboxClient.MAPPER.createObjectNode()
                .put("payId", PAY_ID)
                .put("payIdType", "Email")
                .put("accountName", ACCOUNT_NAME)
                .put("endToEndId", "E2E/999")
                .put("remitterName", "Acme Payouts");
        ObjectNode disbursement = SandboxClient.MAPPER.createObjectNode()
                .put("disbursementMethod", "NppCreditPayId")
                .put("amount", new BigDecimal(amount))
                .put("lodgementReference", "Payout 456");
        disbursement.set("toNppCreditPayIdDetails", details);
        return transaction(reference, amount, disbursement);
    }

    static ObjectNode directCredit(String reference, String amount) {
        ObjectNode details = SandboxClient.MAPPER.createObjectNode()
                .put("bsbNumber", "032-000")
                .put("accountNumber", "2681849")
                .put("accountName", ACCOUNT_NAME);
        ObjectNode disbursement = SandboxClient.MAPPER.createObjectNode()
                .put("disbursementMethod", "directCredit")
                .put("amount", new BigDecimal(amount))
                .put("lodgementReference", "ACME-123");
        disbursement.set("toDirectCreditDetails", details);
        return transaction(reference, amount, disbursement);
    }

    private static ObjectNode transaction(String reference, String amount, ObjectNode disbursement) {
        ObjectNode body = SandboxClient.MAPPER.createObjectNode();
        if (reference != null) {
            body.put("uniqueReference", reference);
        }
        body.put("paymentSource", "mAccount").put("totalAmount", new BigDecimal(amount)).put("description", "Payout");
        body.putArray("disbursements").add(disbursement);
        return body;
    }

    /** The first disbursement, for in-place edits. */
    static ObjectNode disbursement(ObjectNode body) {
        return (ObjectNode) body.get("disbursements").get(0);
    }

    /** The detail object of the first disbursement, whatever its method. */
    static ObjectNode details(ObjectNode body) {
        ObjectNode disbursement = disbursement(body);
        for (String field : new String[] {"toNppCreditBankAccountDetails", "toNppCreditPayIdDetails", "toDirectCreditDetails"}) {
            if (disbursement.has(field)) {
                return (ObjectNode) disbursement.get(field);
            }
        }
        throw new IllegalStateException("no detail object");
    }

    /** Puts a scenario trigger in the disbursement's lodgement reference. */
    static ObjectNode withTrigger(ObjectNode body, String trigger) {
        disbursement(body).put("lodgementReference", trigger);
        return body;
    }
}
