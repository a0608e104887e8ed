package com.acme.payouts.sandbox;

/**
 * A request the sandbox refuses, carrying the HTTP code and the envelope's PascalCase
 * {@code status}. The description names the offending field but never its value, because values
 * here are account numbers, PayIDs and names.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String status;

    ApiException(int httpStatus, String status, String description) {
        super(description);
        this.httpStatus = httpStatus;
        this.status = status;
    }

    static ApiException badRequest(String status, String description) {
        return new ApiException(400, status, description);
    }

    int httpStatus() {
        return httpStatus;
    }

    String status() {
        return status;
    }

    String description() {
        return getMessage();
    }
}
