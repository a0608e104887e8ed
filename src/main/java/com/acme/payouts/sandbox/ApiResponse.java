package com.acme.payouts.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers. Besides normal JSON and raw bytes there are the two deliberately
 * broken answers the fault scenarios need: a response held back, and no response at all.
 */
interface ApiResponse {

    /**
     * A Monoova-style JSON body: the envelope ({@code durationMs}, {@code status},
     * {@code statusDescription}) with the endpoint's fields at the same level.
     */
    final class Json implements ApiResponse {
        static final String OK = "Ok";
        static final String OK_DESCRIPTION = "Operation completed successfully";

        private final int httpStatus;
        private final String status;
        private final String statusDescription;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Json(int httpStatus, String status, String statusDescription) {
            this.httpStatus = httpStatus;
            this.status = status;
            this.statusDescription = statusDescription;
        }

        static Json ok() {
            return new Json(200, OK, OK_DESCRIPTION);
        }

        /** A 200 whose description is about the payload rather than the call (status endpoint). */
        static Json ok(String statusDescription) {
            return new Json(200, OK, statusDescription);
        }

        static Json error(int httpStatus, String status, String statusDescription) {
            return new Json(httpStatus, status, statusDescription);
        }

        static Json error(ApiException e) {
            return new Json(e.httpStatus(), e.status(), e.description());
        }

        Json with(String name, Object value) {
            fields.put(name, value);
            return this;
        }

        int httpStatus() {
            return httpStatus;
        }

        /** The full body, envelope first, for the given processing time. */
        Map<String, Object> body(long durationMs) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("durationMs", durationMs);
            body.put("status", status);
            body.put("statusDescription", statusDescription);
            body.putAll(fields);
            return body;
        }
    }

    /** A non-JSON body such as the public key. */
    record Bytes(int httpStatus, String contentType, byte[] body) implements ApiResponse {}

    /** Write {@code response} only after {@code delay}, long after a client should have given up. */
    record Delayed(ApiResponse response, Duration delay) implements ApiResponse {}

    /** Close the connection without writing any HTTP response. */
    record DropConnection() implements ApiResponse {}
}
