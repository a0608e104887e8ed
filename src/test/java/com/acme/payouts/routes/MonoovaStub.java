package com.acme.payouts.routes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Stands in for the two Monoova calls the routes make (woven in place of {@code call-monoova-execute}
 * and {@code call-monoova-status}). Answers are scripted per {@code uniqueReference}, so tests don't see
 * each other's payouts; every call is recorded with the headers it carried. Failures are thrown exactly
 * as camel-http throws them.
 */
final class MonoovaStub {

    /** One scripted answer: a body on HTTP 200, or the exception the HTTP call would throw. */
    record Answer(String body, Exception failure) {}

    /** What one call carried. */
    record Call(String reference, String body, Map<String, Object> headers) {}

    private static final Pattern UNIQUE_REFERENCE = Pattern.compile("\"uniqueReference\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, Deque<Answer>> executeAnswers = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> statusAnswers = new ConcurrentHashMap<>();
    private final List<Call> executeCalls = new CopyOnWriteArrayList<>();
    private final List<Call> statusCalls = new CopyOnWriteArrayList<>();

    static Answer ok(String body) {
        return new Answer(body, null);
    }

    static Answer http(int status, String body) {
        return new Answer(null, new HttpOperationFailedException(
                "http://monoova.test/financial", status, "HTTP " + status, null, Map.of(), body));
    }

    static Answer fails(Exception e) {
        return new Answer(null, e);
    }

    /** Answers for successive execute calls with this reference; the last one repeats. */
    void onExecute(String reference, Answer... answers) {
        executeAnswers.put(reference, new ArrayDeque<>(List.of(answers)));
    }

    void onStatus(String reference, Answer... answers) {
        statusAnswers.put(reference, new ArrayDeque<>(List.of(answers)));
    }

    List<Call> executeCalls(String reference) {
        return executeCalls.stream().filter(c -> reference.equals(c.reference())).toList();
    }

    List<Call> statusCalls(String reference) {
        return statusCalls.stream().filter(c -> reference.equals(c.reference())).toList();
    }

    /** In place of {@code POST /financial/v2/transaction/execute}. */
    void execute(Exchange exchange) throws Exception {
        String body = exchange.getMessage().getBody(String.class);
        Matcher m = UNIQUE_REFERENCE.matcher(body == null ? "" : body);
        String reference = m.find() ? m.group(1) : null;
        executeCalls.add(new Call(reference, body, Map.copyOf(exchange.getMessage().getHeaders())));
        answer(exchange, executeAnswers.get(reference), reference);
    }

    /** In place of {@code GET /financial/v2/status/{uniqueReference}}. */
    void status(Exchange exchange) throws Exception {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class);
        String reference = URLDecoder.decode(path.replaceFirst("^/", ""), StandardCharsets.UTF_8);
        statusCalls.add(new Call(reference, null, Map.copyOf(exchange.getMessage().getHeaders())));
        answer(exchange, statusAnswers.get(reference), reference);
    }

    private static void answer(Exchange exchange, Deque<Answer> script, String reference) throws Exception {
        if (script == null || script.isEmpty()) {
            throw new IllegalStateException("no Monoova answer scripted for " + reference);
        }
        Answer answer;
        synchronized (script) {
            answer = script.size() > 1 ? script.poll() : script.peek();
        }
        if (answer.failure() != null) {
            throw answer.failure();
        }
        exchange.getMessage().setBody(answer.body());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    }
}
