package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's single HTTP handler: matches method and path templates, enforces Basic auth where
 * Monoova does, turns {@link ApiException}s into envelope errors and writes every kind of
 * {@link ApiResponse}, including the deliberately broken ones.
 *
 * <p>Paths are split on the raw (still encoded) form and each segment decoded afterwards, so a
 * {@code uniqueReference} containing an encoded {@code /} is one parameter, not two segments.
 */
final class Router implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** One operation of the API. */
    @FunctionalInterface
    interface Endpoint {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    private record Route(String method, String[] template, boolean authenticated, Endpoint endpoint) {}

    private final List<Route> routes = new ArrayList<>();
    private final BasicAuth auth;
    private final ObjectMapper mapper;

    Router(BasicAuth auth, ObjectMapper mapper) {
        this.auth = auth;
        this.mapper = mapper;
    }

    /** Adds a route; {@code {name}} segments of the template become path parameters. */
    Router route(String method, String template, boolean authenticated, Endpoint endpoint) {
        routes.add(new Route(method, split(template), authenticated, endpoint));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        ApiResponse response;
        try {
            response = dispatch(exchange);
        } catch (ApiException e) {
            response = ApiResponse.Json.error(e);
        } catch (Exception e) {
            LOG.log(Level.ERROR, "Unexpected sandbox failure on " + exchange.getRequestURI().getRawPath(), e);
            response = ApiResponse.Json.error(500, "InternalServerError", "An unexpected error occurred.");
        }
        try {
            write(exchange, response, started);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Client went away before the response was written: {0}", e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private ApiResponse dispatch(HttpExchange exchange) throws Exception {
        String[] segments = split(exchange.getRequestURI().getRawPath());
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> parameters = match(route.template(), segments);
            if (parameters == null) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equalsIgnoreCase(exchange.getRequestMethod())) {
                continue;
            }
            if (route.authenticated() && !auth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Monoova Sandbox\"");
                return ApiResponse.Json.error(401, "Unauthorized", "Authentication failed: check the API key.");
            }
            return route.endpoint().handle(
                    new ApiRequest(parameters, query(exchange.getRequestURI().getRawQuery()), readBody(exchange), mapper));
        }
        if (pathKnown) {
            return ApiResponse.Json.error(405, "MethodNotAllowed", "This path does not support the HTTP method.");
        }
        return ApiResponse.Json.error(404, "NotFound", "No such endpoint in the sandbox.");
    }

    private void write(HttpExchange exchange, ApiResponse response, long started) throws IOException {
        if (response instanceof ApiResponse.Delayed) {
            ApiResponse.Delayed delayed = (ApiResponse.Delayed) response;
            try {
                Thread.sleep(delayed.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // sandbox closing: drop the connection like the reset scenario
            }
            write(exchange, delayed.response(), started);
        } else if (response instanceof ApiResponse.DropConnection) {
            // Closing an exchange before sendResponseHeaders makes the JDK server close the socket
            return;
        } else if (response instanceof ApiResponse.Bytes) {
            ApiResponse.Bytes bytes = (ApiResponse.Bytes) response;
            send(exchange, bytes.httpStatus(), bytes.contentType(), bytes.body());
        } else {
            ApiResponse.Json json = (ApiResponse.Json) response;
            long durationMs = (System.nanoTime() - started) / 1_000_000L;
            byte[] body = mapper.writeValueAsBytes(json.body(durationMs));
            send(exchange, json.httpStatus(), "application/json; charset=utf-8", body);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static java.util.Map<String, String> query(String raw) {
        java.util.Map<String, String> query = new java.util.HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1).replace('+', ' ')));
        }
        return query;
    }

    private static List<String> match(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < template.length; i++) {
            String expected = template[i];
            if (expected.startsWith("{") && expected.endsWith("}")) {
                String value = decode(segments[i]);
                if (value.isEmpty()) {
                    return null;
                }
                parameters.add(value);
            } else if (!expected.equalsIgnoreCase(segments[i])) {
                // Case-insensitive like Monoova's IIS-hosted API (its own docs mix /mAccount and /maccount)
                return null;
            }
        }
        return parameters;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** RFC 3986 percent-decoding; unlike URLDecoder it leaves '+' alone, as a path must. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < segment.length()) {
            if (isEscape(segment, i)) {
                bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int start = i;
                while (i < segment.length() && !isEscape(segment, i)) {
                    i++;
                }
                byte[] literal = segment.substring(start, i).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isEscape(String text, int index) {
        return text.charAt(index) == '%' && isHex(text, index + 1) && isHex(text, index + 2);
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && "0123456789abcdefABCDEF".indexOf(text.charAt(index)) >= 0;
    }
}
