package com.acme.payouts.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscriptions the webhook dispatcher fans events out to, with the checks of
 * {@code subscriptions.create}/{@code update}. Error codes here are the sandbox's own.
 */
final class SubscriptionRegistry {

    /** Exactly the spec's enum, including its mixed {@code Npp…}/{@code NPP…} casing. */
    static final Set<String> EVENT_NAMES = Set.of(
            "NppReturn",
            "NppPaymentStatus",
            "PayToReceivePayment",
            "NPPReceivePayment",
            "InboundDirectCredit",
            "InboundDirectDebit",
            "DirectEntryDishonour",
            "PendingInboundRtgsImt",
            "InboundRtgsImtStatus",
            "InboundDirectCreditRejections",
            "NPPCreditRejections",
            "DirectDebitClearance");

    private final Map<Integer, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1);
    private final SydneyTime time;

    SubscriptionRegistry(SydneyTime time) {
        this.time = time;
    }

    Subscription create(String eventName, String targetUrl, String subscriptionStatus, String securityToken) {
        if (eventName == null || !EVENT_NAMES.contains(eventName)) {
            throw ApiException.badRequest("InvalidEventName", "eventName must be one of the documented event names.");
        }
        URI target = targetUrl(targetUrl);
        boolean on = isOn(subscriptionStatus);
        checkSecurityToken(securityToken);
        var now = time.now();
        Subscription subscription = new Subscription(ids.getAndIncrement(), eventName, target, on, securityToken, now, now);
        subscriptions.put(subscription.id(), subscription);
        return subscription;
    }

    Subscription update(Integer id, String targetUrl, String subscriptionStatus, String securityToken) {
        if (id == null) {
            throw ApiException.badRequest("InvalidSubscriptionId", "id is required.");
        }
        URI target = targetUrl(targetUrl);
        boolean on = isOn(subscriptionStatus);
        checkSecurityToken(securityToken);
        Subscription updated = subscriptions.computeIfPresent(
                id, (key, old) -> new Subscription(key, old.eventName(), target, on, securityToken, old.createdAt(), time.now()));
        if (updated == null) {
            throw ApiException.badRequest("SubscriptionNotFound", "No subscription has this id.");
        }
        return updated;
    }

    void delete(int id) {
        if (subscriptions.remove(id) == null) {
            throw ApiException.badRequest("SubscriptionNotFound", "No subscription has this id.");
        }
    }

    List<Subscription> list() {
        List<Subscription> all = new ArrayList<>(subscriptions.values());
        all.sort(Comparator.comparingInt(Subscription::id));
        return all;
    }

    /** Subscriptions that should receive an event now: same event name and switched On. */
    List<Subscription> activeFor(String eventName) {
        List<Subscription> active = new ArrayList<>();
        for (Subscription subscription : list()) {
            if (subscription.on() && subscription.eventName().equals(eventName)) {
                active.add(subscription);
            }
        }
        return active;
    }

    private static URI targetUrl(String targetUrl) {
        if (targetUrl == null || targetUrl.isBlank()) {
            throw ApiException.badRequest("InvalidTargetUrl", "targetUrl is required.");
        }
        try {
            URI uri = new URI(targetUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw ApiException.badRequest("InvalidTargetUrl", "targetUrl must be an absolute http or https URL.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("InvalidTargetUrl", "targetUrl must be an absolute http or https URL.");
        }
    }

    /** The spec's default is Off, so a missing status subscribes without delivering anything. */
    private static boolean isOn(String subscriptionStatus) {
        if (subscriptionStatus == null || subscriptionStatus.equals("Off")) {
            return false;
        }
        if (subscriptionStatus.equals("On")) {
            return true;
        }
        throw ApiException.badRequest("InvalidSubscriptionStatus", "subscriptionStatus must be On or Off.");
    }

    /** The spec asks for "[type] [credentials]"; control characters would break the HTTP header. */
    private static void checkSecurityToken(String securityToken) {
        if (securityToken == null) {
            return;
        }
        String[] parts = securityToken.split(" ", 2);
        boolean printable = securityToken.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank() || !printable) {
            throw ApiException.badRequest(
                    "InvalidSecurityToken", "securityToken must be '[type] [credentials]' in printable ASCII.");
        }
    }
}
