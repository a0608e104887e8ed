package com.acme.payouts.monoova;

import com.acme.payouts.messaging.MessageHeaders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Readies an exchange for a Monoova call through {@code camel-http}, and reads back what a failed
 * call left behind. The API key is read from its source on every call (so a rotated key in Secrets
 * Manager applies without a restart) and only ever travels in the {@code Authorization} header.
 */
public class MonoovaHttp {

    private static final String STARTED = "monoovaCallStartedNanos";

    private final Supplier<String> apiKey;
    private final CallObserver observer;

    /** Told how long each call took and what its classified outcome was (metrics). */
    @FunctionalInterface
    public interface CallObserver {
        void call(String operation, String outcome, Duration elapsed);
    }

    public MonoovaHttp(Supplier<String> apiKey) {
        this(apiKey, (operation, outcome, elapsed) -> {});
    }

    public MonoovaHttp(Supplier<String> apiKey, CallObserver observer) {
        this.apiKey = apiKey;
        this.observer = observer;
    }

    /** Reports a finished call: {@code outcome} is the classified answer (its type names the outcome). */
    public void observe(Exchange exchange, String operation, Object outcome) {
        Long started = exchange.getProperty(STARTED, Long.class);
        if (started != null) {
            exchange.removeProperty(STARTED);
            observer.call(operation, outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Basic auth as Monoova documents it: the API key as user name, empty password. */
    public static String basicAuthorization(String apiKey) {
        return "Basic " + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** For a POST whose JSON body is already on the exchange. */
    public void preparePost(Exchange exchange) {
        Message m = exchange.getMessage();
        clean(m);
        m.setHeader(Exchange.HTTP_METHOD, "POST");
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }

    /** For a GET of {@code path} below the endpoint's URI (path segments are URL-encoded). */
    public void prepareGet(Exchange exchange, String... pathSegments) {
        Message m = exchange.getMessage();
        clean(m);
        m.setHeader(Exchange.HTTP_METHOD, "GET");
        if (pathSegments.length > 0) {
            StringBuilder path = new StringBuilder();
            for (String segment : pathSegments) {
                path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            m.setHeader(Exchange.HTTP_PATH, path.toString());
        }
        m.setBody(null);
    }

    private void clean(Message m) {
        m.getExchange().setProperty(STARTED, System.nanoTime());
        MessageHeaders.keepOnlyCamel(m);
        m.getHeaders().keySet().removeIf(name -> name.startsWith("CamelHttp") || name.startsWith("CamelRest"));
        m.setHeader("Authorization", basicAuthorization(apiKey.get()));
        m.setHeader("Accept", "application/json");
    }

    /** Removes the credentials and HTTP leftovers once the call is done. */
    public void after(Exchange exchange) {
        Message m = exchange.getMessage();
        m.removeHeader("Authorization");
        m.removeHeader("Accept");
        m.getHeaders().keySet().removeIf(name -> !name.startsWith("Camel") || name.startsWith("CamelHttp"));
    }

    /** HTTP status of a failed call, or null if no response arrived. */
    public static Integer failedStatus(Throwable caught) {
        HttpOperationFailedException http = httpFailure(caught);
        return http == null ? null : http.getStatusCode();
    }

    /** Body of a failed call's response, if there was one. */
    public static String failedBody(Throwable caught) {
        HttpOperationFailedException http = httpFailure(caught);
        return http == null ? null : http.getResponseBody();
    }

    private static HttpOperationFailedException httpFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpOperationFailedException h) {
                return h;
            }
        }
        return null;
    }
}
