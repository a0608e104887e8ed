package com.acme.payouts.support;

/**
 * A request could not be decided because a system we must ask first (e.g. Monoova's BSB directory) did not
 * answer. Nothing was stored; the API answers 503 problem+json naming the field that needed the check, with
 * {@code Retry-After}, so the client can simply try again.
 */
public class DependencyUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient FieldError error;

    public DependencyUnavailableException(FieldError error, Throwable cause) {
        super("dependency unavailable for " + error.field(), cause);
        this.error = error;
    }

    public FieldError error() {
        return error;
    }
}
