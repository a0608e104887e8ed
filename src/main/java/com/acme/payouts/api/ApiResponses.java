package com.acme.payouts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes a JSON response. Platform HTTP sends message headers back as response headers, so every
 * request header (Idempotency-Key, Authorization, ...) is cleared first and only ours are set.
 */
public class ApiResponses {

    private final ObjectMapper json;

    public ApiResponses(ObjectMapper json) {
        this.json = json;
    }

    public void respond(Exchange exchange, int status, Object body, Map<String, String> headers) {
        Message m = exchange.getMessage();
        clearRequestHeaders(m);
        try {
            m.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response", e);
        }
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        headers.forEach(m::setHeader);
    }

    /** A response without a body (e.g. 204 after a delete). */
    public void noContent(Exchange exchange) {
        Message m = exchange.getMessage();
        clearRequestHeaders(m);
        m.setBody(null);
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
    }

    static void clearRequestHeaders(Message m) {
        m.getHeaders().keySet().removeIf(name -> !name.startsWith("Camel") || name.startsWith("CamelHttp"));
    }
}
