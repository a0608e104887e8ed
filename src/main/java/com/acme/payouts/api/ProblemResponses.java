package com.acme.payouts.api;

import com.acme.payouts.store.InvalidCursorException;
import com.acme.payouts.support.DependencyUnavailableException;
import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.LimitExceededException;
import com.acme.payouts.support.RequestRejectedException;
import com.acme.payouts.webhook.WebhookAuthenticationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever went wrong in an API route into an RFC 9457 problem+json response. Callers never
 * see a stack trace or an exception message we did not write; unexpected failures get an error id
 * that matches the log line.
 */
public class ProblemResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    public static final String CONTENT_TYPE = "application/problem+json";

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    /** For the route configuration: renders the exception Camel caught on this exchange. */
    public void render(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (caught instanceof ApiProblemException p) {
            write(exchange, p.status(), p.type(), p.title(), p.getMessage(), p.errors());
        } else if (caught instanceof LimitExceededException l) {
            write(exchange, 422, "limit-exceeded", "Unprocessable Content", l.getMessage(), l.errors());
        } else if (caught instanceof RequestRejectedException r) {
            boolean invalid = r.kind() == RequestRejectedException.Kind.INVALID;
            write(exchange,
                    invalid ? 400 : 422,
                    invalid ? "validation-error" : "unprocessable-request",
                    invalid ? "Bad Request" : "Unprocessable Content",
                    r.getMessage(),
                    r.errors());
        } else if (caught instanceof DependencyUnavailableException d) {
            // A check the request needs could not be made (e.g. Monoova's BSB directory): nothing was stored.
            write(exchange, 503, "dependency-unavailable", "Service Unavailable", "try again shortly", List.of(d.error()));
            exchange.getMessage().setHeader("Retry-After", "5");
        } else if (caught instanceof WebhookAuthenticationException) {
            // Say no more than that: the reason is logged, not told to whoever is probing.
            write(exchange, 401, "unauthorized", "Unauthorized", "the webhook could not be verified", List.of());
        } else if (caught instanceof InvalidCursorException) {
            write(exchange, 400, "validation-error", "Bad Request", "request is invalid",
                    List.of(new FieldError("cursor", "invalid", "is not a cursor this service issued")));
        } else {
            internalError(exchange, caught);
        }
    }

    /** An exception nobody expected: logged with an id, answered without detail. */
    public void internalError(Exchange exchange, Throwable caught) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("unexpected error {} in route {}", errorId, exchange.getFromRouteId(), caught);
        write(exchange, 500, "internal-error", "Internal Server Error",
                "unexpected error; quote error id " + errorId, List.of());
    }

    /** Retryable trouble (store or queue unavailable) that outlasted our redeliveries. */
    public void unavailable(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("service temporarily unavailable in route {}: {}", exchange.getFromRouteId(),
                caught == null ? "?" : caught.getClass().getSimpleName());
        write(exchange, 503, "unavailable", "Service Unavailable", "try again shortly", List.of());
        exchange.getMessage().setHeader("Retry-After", "5");
    }

    void write(Exchange exchange, int status, String type, String title, String detail, List<FieldError> errors) {
        String path = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
        ApiResponses.clearRequestHeaders(exchange.getMessage());
        ObjectNode problem = json.createObjectNode();
        problem.put("type", "/problems/" + type);
        problem.put("title", title);
        problem.put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        if (path != null) {
            problem.put("instance", path);
        }
        if (!errors.isEmpty()) {
            ArrayNode list = problem.putArray("errors");
            for (FieldError e : errors) {
                list.addObject().put("field", e.field()).put("code", e.code()).put("message", e.message());
            }
        }
        try {
            exchange.getMessage().setBody(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
    }
}
