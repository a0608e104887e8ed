package com.acme.payouts.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers webhook notifications like Monoova: a signed JSON POST to every subscription that is
 * On for the event, and, if the receiver answers anything but 200 (or doesn't answer), exactly one
 * retry after a pause with the same {@code Webhookid} and the same bytes.
 *
 * <p>Timing lives on the shared scheduler, while the blocking HTTP calls run on their own pool, so
 * a slow receiver can't hold up payout completions. Every attempt is recorded for the tests.
 */
final class WebhookDispatcher {

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    private static final long FIRST_WEBHOOK_ID = 500_001L;

    /** One notification to one subscription; a retry or a deliberate duplicate reuses it whole. */
    private record Notification(
            long webhookId,
            String eventName,
            String uniqueReference,
            URI targetUrl,
            String securityToken,
            byte[] body,
            String signature) {}

    private final SubscriptionRegistry subscriptions;
    private final WebhookSigner signer;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService senders;
    private final HttpClient httpClient;
    private final SydneyTime time;
    private final Duration retryPause;
    private final Duration timeout;
    private final Duration faultDelay;
    private final AtomicLong webhookIds = new AtomicLong(FIRST_WEBHOOK_ID);
    private final List<WebhookDelivery> deliveries = new ArrayList<>();

    WebhookDispatcher(
            SubscriptionRegistry subscriptions,
            WebhookSigner signer,
            ObjectMapper mapper,
            ScheduledExecutorService scheduler,
            ExecutorService senders,
            HttpClient httpClient,
            SydneyTime time,
            SandboxConfig config) {
        this.subscriptions = subscriptions;
        this.signer = signer;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.senders = senders;
        this.httpClient = httpClient;
        this.time = time;
        this.retryPause = config.webhookRetryPause();
        this.timeout = config.webhookTimeout();
        this.faultDelay = config.webhookDelay();
    }

    /**
     * Sends an event to every active subscription.
     *
     * @param fault drop, duplicate or delay the notification (test scenarios)
     * @param synchronous make the first attempt on the calling thread before returning (the
     *     "webhook overtakes the execute response" scenario); a retry is still asynchronous
     */
    void publish(
            String eventName, String uniqueReference, Map<String, Object> payload, WebhookFault fault, boolean synchronous) {
        if (fault == WebhookFault.DROP) {
            LOG.log(Level.INFO, "Dropping {0} webhook of reference {1} (scenario)", eventName, uniqueReference);
            return;
        }
        if (synchronous) {
            fanOut(eventName, uniqueReference, payload, fault, true);
        } else {
            // Signing is CPU-heavy; keep it off the timer threads that drive payout completions
            later(() -> fanOut(eventName, uniqueReference, payload, fault, false), Duration.ZERO);
        }
    }

    private void fanOut(
            String eventName, String uniqueReference, Map<String, Object> payload, WebhookFault fault, boolean synchronous) {
        List<Subscription> targets = subscriptions.activeFor(eventName);
        if (targets.isEmpty()) {
            return;
        }
        byte[] body = serialise(payload);
        String signature = signer.sign(body);
        for (Subscription subscription : targets) {
            Notification notification = new Notification(
                    webhookIds.getAndIncrement(),
                    eventName,
                    uniqueReference,
                    subscription.targetUrl(),
                    subscription.securityToken(),
                    body,
                    signature);
            Runnable send = () -> {
                attempt(notification, 1);
                if (fault == WebhookFault.DUPLICATE) {
                    attempt(notification, 1);
                }
            };
            if (synchronous) {
                send.run();
            } else {
                later(send, fault == WebhookFault.DELAY ? faultDelay : Duration.ZERO);
            }
        }
    }

    List<WebhookDelivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    private void attempt(Notification notification, int attempt) {
        Integer httpStatus = null;
        String error = null;
        try {
            HttpRequest request = request(notification);
            httpStatus = httpClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted (sandbox closing)";
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        WebhookDelivery delivery = new WebhookDelivery(
                notification.webhookId(),
                notification.eventName(),
                notification.uniqueReference(),
                notification.targetUrl(),
                attempt,
                httpStatus,
                error,
                time.now());
        synchronized (deliveries) {
            deliveries.add(delivery);
        }
        if (!delivery.delivered() && attempt == 1 && !Thread.currentThread().isInterrupted()) {
            LOG.log(Level.INFO, "Webhook {0} attempt 1 failed ({1}); retrying once after {2}",
                    String.valueOf(notification.webhookId()), httpStatus != null ? String.valueOf(httpStatus) : error, retryPause);
            later(() -> attempt(notification, 2), retryPause);
        }
    }

    private HttpRequest request(Notification notification) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(notification.targetUrl())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Webhookid", Long.toString(notification.webhookId()))
                .header("Verification-Signature", notification.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(notification.body()));
        if (notification.securityToken() != null) {
            builder.header("Authorization", notification.securityToken());
        }
        return builder.build();
    }

    /** Runs the task on the sender pool after the delay; quietly skipped once the sandbox closed. */
    private void later(Runnable task, Duration delay) {
        Runnable guarded = () -> {
            try {
                senders.execute(() -> runLogged(task));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.DEBUG, "Webhook skipped: sandbox closed");
            }
        };
        try {
            if (delay.isZero()) {
                guarded.run();
            } else {
                scheduler.schedule(guarded, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "Webhook skipped: sandbox closed");
        }
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Webhook task failed", e);
        }
    }

    private byte[] serialise(Map<String, Object> payload) {
        try {
            return mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payloads are plain maps and always serialise", e);
        }
    }
}
