package com.acme.payouts.monoova;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure Monoova sends every event we need to our webhook URL: for each event, the existing
 * subscription is updated (URL, {@code On}, security token), or one is created. Subscriptions default
 * to {@code Off} at Monoova (DIGEST §10.21), so this runs at every start and can be run again on demand;
 * running it twice changes nothing. If Monoova can't be reached it keeps trying in the background.
 */
public class SubscriptionBootstrap implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionBootstrap.class);

    private final MonoovaAdminClient monoova;
    private final List<String> events;
    private final Supplier<String> webhookBaseUrl;
    private final Supplier<String> securityToken;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "subscription-bootstrap");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean done = new AtomicBoolean();

    public SubscriptionBootstrap(
            MonoovaAdminClient monoova, List<String> events, Supplier<String> webhookBaseUrl, Supplier<String> securityToken) {
        this.monoova = monoova;
        this.events = List.copyOf(events);
        this.webhookBaseUrl = webhookBaseUrl;
        this.securityToken = securityToken;
    }

    /** Runs now; on failure, again every minute until it succeeds. */
    public void startInBackground() {
        retries.execute(this::attempt);
    }

    private void attempt() {
        try {
            ensure();
        } catch (RuntimeException e) {
            LOG.error("could not set up Monoova webhook subscriptions ({}); retrying in 60 s", e.getMessage());
            retries.schedule(this::attempt, 60, TimeUnit.SECONDS);
        }
    }

    /** Creates or updates one subscription per event. */
    public synchronized void ensure() {
        JsonNode existing = monoova.listSubscriptions().path("eventname");
        for (String event : events) {
            String target = webhookBaseUrl.get() + "/webhooks/monoova?event=" + event;
            JsonNode match = null;
            int count = 0;
            for (JsonNode s : existing) {
                if (event.equals(s.path("eventName").asText())) {
                    count++;
                    if (match == null || target.equals(s.path("targetUrl").asText())) {
                        match = s;
                    }
                }
            }
            if (match == null) {
                JsonNode created = monoova.createSubscription(event, target, securityToken.get());
                LOG.info("subscribed to Monoova {} (id {})", event, created.path("id").asText());
            } else {
                monoova.updateSubscription(match.path("id").asInt(), target, securityToken.get());
                LOG.info("Monoova {} subscription {} points at our webhook URL and is On", event, match.path("id").asText());
            }
            if (count > 1) {
                LOG.warn("Monoova has {} subscriptions for {}: each sends its own copy of every event", count, event);
            }
        }
        done.set(true);
    }

    /** One of our subscriptions as Monoova lists it. */
    public record Subscribed(String eventName, int id, String targetUrl, String status) {}

    /**
     * Runs {@link #ensure} now (the ops command) and returns our subscriptions as Monoova then lists
     * them: one per event, pointing at our webhook URL.
     */
    public synchronized List<Subscribed> ensureNow() {
        ensure();
        List<Subscribed> ours = new ArrayList<>();
        for (JsonNode s : monoova.listSubscriptions().path("eventname")) {
            String event = s.path("eventName").asText();
            String target = s.path("targetUrl").asText();
            if (events.contains(event) && target.equals(webhookBaseUrl.get() + "/webhooks/monoova?event=" + event)) {
                ours.add(new Subscribed(event, s.path("id").asInt(), target, s.path("status").asText()));
            }
        }
        return ours;
    }

    public boolean isDone() {
        return done.get();
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
