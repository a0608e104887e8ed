package com.acme.payouts.messaging;

import com.acme.payouts.api.ContractValidator;
import com.acme.payouts.api.PayoutApi;
import com.acme.payouts.payout.PayoutIntake;
import com.acme.payouts.payout.PayoutRequestFields;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.submission.SubmissionSteps;
import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.RequestRejectedException;
import com.acme.payouts.support.TerminalMessageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Accepts payout requests that upstream systems put on the {@code payout-requests} queue: the same
 * checks and idempotency as the REST API, against the contract's {@code PayoutRequestMessage}
 * schema. A message that can't be accepted is refused with its reasons (and so dead-lettered).
 */
public class PayoutRequestConsumer {

    static final String SCHEMA = "PayoutRequestMessage";

    private final ContractValidator contract;
    private final PayoutIntake intake;
    private final ObjectMapper json;
    private final String source;

    public PayoutRequestConsumer(ContractValidator contract, PayoutIntake intake, ObjectMapper json, String source) {
        this.contract = contract;
        this.intake = intake;
        this.json = json;
        this.source = source;
    }

    public void accept(Exchange exchange) throws IOException {
        String body = exchange.getIn().getBody(String.class);
        List<FieldError> errors = contract.validateMessage(SCHEMA, body == null ? "" : body);
        if (!errors.isEmpty()) {
            throw RequestRejectedException.invalid(errors);
        }
        JsonNode message = json.readTree(body);
        String key = message.path("idempotencyKey").asText();
        PayoutRequestFields fields = new PayoutRequestFields(
                message.path("payeeId").asText(),
                message.path("amount").asText(),
                message.path("currency").asText(),
                message.path("method").asText(),
                message.hasNonNull("reference") ? message.path("reference").asText() : null);
        PayoutService.CreateResult result = intake.accept(key, source, fields);
        if (result instanceof PayoutService.KeyConflict) {
            throw new TerminalMessageException("idempotencyKey was already used for a different request (payout "
                    + result.payout().id() + ")");
        }
        // Like the API: a payout held for approval or for its payee's cooling-off is enqueued when it is
        // released, not now (a message for it now would be marked processed and skip the release's).
        exchange.setProperty(PayoutApi.ENQUEUE,
                result instanceof PayoutService.Created && result.payout().status() == PayoutStatus.RECEIVED);
        exchange.setProperty(SubmissionSteps.PAYOUT_ID, result.payout().id());
    }
}
