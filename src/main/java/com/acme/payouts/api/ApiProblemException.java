package com.acme.payouts.api;

import com.acme.payouts.support.FieldError;
import java.util.List;

/** An error that the API reports as RFC 9457 problem+json with this status. */
public class ApiProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblemException notFound(String detail) {
        return new ApiProblemException(404, "not-found", "Not Found", detail, List.of());
    }

    public static ApiProblemException conflict(String type, String detail) {
        return new ApiProblemException(409, type, "Conflict", detail, List.of());
    }

    public static ApiProblemException badRequest(String type, String detail, List<FieldError> errors) {
        return new ApiProblemException(400, type, "Bad Request", detail, errors);
    }

    public static ApiProblemException unsupportedMediaType(String detail) {
        return new ApiProblemException(415, "unsupported-media-type", "Unsupported Media Type", detail, List.of());
    }

    public static ApiProblemException forbidden(String type, String detail) {
        return new ApiProblemException(403, type, "Forbidden", detail, List.of());
    }

    public static ApiProblemException unauthorized(String detail) {
        return new ApiProblemException(401, "unauthorized", "Unauthorized", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
