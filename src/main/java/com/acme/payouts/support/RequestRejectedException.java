package com.acme.payouts.support;

import java.util.List;

/**
 * A request (REST or queue) that cannot be accepted as it is: nothing was stored. The API answers
 * it with problem+json; a queue consumer dead-letters the message with these reasons.
 */
public class RequestRejectedException extends RuntimeException {

    /** How the API should present it: malformed (400), or well-formed but not acceptable (422). */
    public enum Kind {
        INVALID,
        UNPROCESSABLE
    }

    private final Kind kind;
    private final List<FieldError> errors;

    public RequestRejectedException(Kind kind, String message, List<FieldError> errors) {
        super(message);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public static RequestRejectedException invalid(List<FieldError> errors) {
        return new RequestRejectedException(Kind.INVALID, "request is invalid", errors);
    }

    public static RequestRejectedException unprocessable(List<FieldError> errors) {
        return new RequestRejectedException(Kind.UNPROCESSABLE, "request cannot be processed", errors);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One line naming every field, for dead-letter reasons and logs. */
    public String summary() {
        StringBuilder s = new StringBuilder(getMessage());
        for (FieldError e : errors) {
            s.append("; ").append(e.field()).append(": ").append(e.message());
        }
        return s.toString();
    }
}
