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
 * <p>Every notification is kept with its delivery state, which is what
 * {@code /subscriptions/v1/report/{date}} lists and what {@code /subscriptions/v2/resend/{WebhookId}}
 * sends again (same id, same bytes, same signature).
 *
 * <p>Timing lives on the shared scheduler, while the blocking HTTP calls run on their own pool, so
 * a slow receiver can't hold up payout completions. Every attempt is recorded for the tests.
 */
final class WebhookDispatcher {

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    private static final long FIRST_WEBHOOK_ID = 500_001L;

    /** One notification to one subscription; a retry, a resend or a deliberate duplicate reuses it whole. */
    private record Notification(
            long webhookId,
            String eventName,
            String uniqueReference,
            URI targetUrl,
            String securityToken,
            byte[] body,
            String signature,
            boolean lost,
            java.time.Instant createdAt) {}

    /** Delivery state of one notification, for the report. Guarded by {@code notifications}. */
    private static final class State {
        final Notification notification;
        int attempts;
        Integer lastResponseCode;
        java.time.Instant lastAttemptAt;
        boolean sent;

        State(Notification notification) {
            this.notification = notification;
        }
    }

    /** One line of {@code /subscriptions/v1/report/{date}}. */
    record ReportLine(long webhookId, String eventName, java.time.Instant createdAt, Integer lastResponseCode,
            java.time.Instant lastRetryAt, int retryCount, boolean sent, URI url) {}

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
    private final Map<Long, State> notifications = new java.util.LinkedHashMap<>();

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
    void publish(String eventName, String uniqueReference, Object payload, WebhookFault fault, boolean synchronous) {
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

    /**
     * Signs and sends an arbitrary payload for an event to its subscribers now (control API); returns
     * the {@code Webhookid}s, one per subscription.
     */
    List<Long> emit(String eventName, Object payload) {
        return fanOut(eventName, null, payload, WebhookFault.NONE, false);
    }

    private List<Long> fanOut(
            String eventName, String uniqueReference, Object payload, WebhookFault fault, boolean synchronous) {
        List<Subscription> targets = subscriptions.activeFor(eventName);
        List<Long> ids = new ArrayList<>();
        if (targets.isEmpty()) {
            return ids;
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
                    signature,
                    fault == WebhookFault.LOST,
                    time.now());
            synchronized (notifications) {
                notifications.put(notification.webhookId(), new State(notification));
            }
            ids.add(notification.webhookId());
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
        return ids;
    }

    /**
     * {@code /subscriptions/v2/resend/{WebhookId}}: sends a known notification again, with the same id,
     * bytes and signature, to the URL it was first sent to. It really reaches the receiver even if the
     * original was lost, and it is not retried by itself.
     *
     * @return false if no notification has this id
     */
    boolean resend(long webhookId) {
        State state;
        synchronized (notifications) {
            state = notifications.get(webhookId);
        }
        if (state == null) {
            return false;
        }
        Notification n = state.notification;
        Notification real = new Notification(n.webhookId(), n.eventName(), n.uniqueReference(), n.targetUrl(),
                n.securityToken(), n.body(), n.signature(), false, n.createdAt());
        later(() -> attempt(real, nextAttempt(webhookId), false), Duration.ZERO);
        return true;
    }

    /** The delivery log of the notifications created on a Sydney day, in creation order. */
    List<ReportLine> report(java.time.LocalDate day) {
        List<ReportLine> lines = new ArrayList<>();
        synchronized (notifications) {
            for (State s : notifications.values()) {
                if (time.date(s.notification.createdAt()).equals(day)) {
                    lines.add(new ReportLine(s.notification.webhookId(), s.notification.eventName(), s.notification.createdAt(),
                            s.lastResponseCode, s.attempts > 1 ? s.lastAttemptAt : null, Math.max(0, s.attempts - 1), s.sent,
                            s.notification.targetUrl()));
                }
            }
        }
        return lines;
    }

    private int nextAttempt(long webhookId) {
        synchronized (notifications) {
            State s = notifications.get(webhookId);
            return s == null ? 1 : s.attempts + 1;
        }
    }

    List<WebhookDelivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    private void attempt(Notification notification, int attempt) {
        attempt(notification, attempt, true);
    }

    private void attempt(Notification notification, int attempt, boolean retryOnFailure) {
        Integer httpStatus = null;
        String error = null;
        if (notification.lost()) {
            error = "simulated receiver outage (WH-LOST): not sent";
        } else {
            try {
                HttpRequest request = request(notification);
                httpStatus = httpClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted (sandbox closing)";
            } catch (IOException | RuntimeException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }
        synchronized (notifications) {
            State state = notifications.get(notification.webhookId());
            if (state != null) {
                state.attempts++;
                state.lastResponseCode = httpStatus;
                state.lastAttemptAt = time.now();
                state.sent = state.sent || (httpStatus != null && httpStatus == 200);
            }
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
        if (retryOnFailure && !delivery.delivered() && attempt == 1 && !Thread.currentThread().isInterrupted()) {
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

    private byte[] serialise(Object payload) {
        try {
            return mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payloads are plain maps and always serialise", e);
        }
    }
}
