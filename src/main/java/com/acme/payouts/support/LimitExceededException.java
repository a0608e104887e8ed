package com.acme.payouts.support;

import java.util.List;

/**
 * A payout refused because it would exceed a per-request or daily limit. Nothing was stored: the API
 * answers 422 problem+json of type {@code limit-exceeded}, a queue consumer dead-letters the message.
 */
public class LimitExceededException extends RequestRejectedException {

    public LimitExceededException(String limit, String message) {
        this("amount", limit, message);
    }

    /** @param field the request field the limit is about ({@code amount}, or {@code payeeId} for a payee's limits) */
    public LimitExceededException(String field, String limit, String message) {
        super(Kind.UNPROCESSABLE, "payout exceeds a limit", List.of(new FieldError(field, limit, message)));
    }
}
