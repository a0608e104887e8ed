package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** A tiny JDK HTTP server that plays the payout service's webhook endpoint and records every call. */
final class WebhookReceiver implements AutoCloseable {

    /** One POST as received, with the raw body bytes the signature covers. */
    record Received(Map<String, String> headers, byte[] body, Instant at) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        long webhookId() {
            return Long.parseLong(header("Webhookid"));
        }

        JsonNode json() {
            try {
                return SandboxClient.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String uniqueReference() {
            return json().path("UniqueReference").asText(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new ArrayList<>();
    private volatile ToIntFunction<Received> responder = r -> 200;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue())));
            Received request = new Received(headers, body, Instant.now());
            synchronized (received) {
                received.add(request);
            }
            exchange.sendResponseHeaders(responder.applyAsInt(request), -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Decides the HTTP status answered to each request (default: always 200). */
    void respondWith(ToIntFunction<Received> responder) {
        this.responder = responder;
    }

    URI url(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Requests whose JSON body carries this UniqueReference. */
    List<Received> forReference(String uniqueReference) {
        return received().stream()
                .filter(r -> uniqueReference.equals(r.uniqueReference()))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
