package com.acme.payouts.sandbox;

import java.net.URI;
import java.time.Instant;

/**
 * One webhook subscription as created through {@code /subscriptions/v1/create}. Immutable: an
 * update replaces the whole value, so a delivery in flight keeps the target it started with.
 *
 * @param securityToken sent verbatim as the {@code Authorization} header; hidden by {@code toString}
 */
record Subscription(
        int id,
        String eventName,
        URI targetUrl,
        boolean on,
        String securityToken,
        Instant createdAt,
        Instant lastUpdated) {

    @Override
    public String toString() {
        return "Subscription[id=" + id + ", eventName=" + eventName + ", targetUrl=" + targetUrl + ", on=" + on
                + ", securityToken=" + (securityToken == null ? "none" : "***") + "]";
    }
}
