package com.acme.payouts.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret value read from its source at most once per {@code ttl}, so a value rotated in Secrets
 * Manager is picked up within that time without a restart. If a refresh fails, the last value is kept
 * (and the failure logged without the value): a short Secrets Manager outage must not stop payouts.
 */
public final class RefreshingSecret implements Supplier<String> {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshingSecret.class);

    private final String name;
    private final Supplier<String> source;
    private final Duration ttl;
    private final Clock clock;
    private volatile String value;
    private volatile Instant fetchedAt = Instant.EPOCH;

    public RefreshingSecret(String name, Supplier<String> source, Duration ttl, Clock clock) {
        this.name = name;
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public String get() {
        if (value == null || clock.instant().isAfter(fetchedAt.plus(ttl))) {
            refresh();
        }
        if (value == null) {
            throw new IllegalStateException("secret " + name + " could not be read");
        }
        return value;
    }

    private synchronized void refresh() {
        if (value != null && !clock.instant().isAfter(fetchedAt.plus(ttl))) {
            return;
        }
        try {
            String fresh = source.get();
            if (fresh == null || fresh.isBlank()) {
                throw new IllegalStateException("empty");
            }
            if (value != null && !value.equals(fresh)) {
                LOG.info("secret {} changed; using the new value", name);
            }
            value = fresh.trim();
            fetchedAt = clock.instant();
        } catch (RuntimeException e) {
            LOG.warn("could not refresh secret {} ({}); {}", name, e.getClass().getSimpleName(),
                    value == null ? "no value yet" : "keeping the previous value");
            // Try again on the next use rather than hammering the source on every call.
            fetchedAt = value == null ? Instant.EPOCH : clock.instant().minus(ttl).plusSeconds(30);
        }
    }

    @Override
    public String toString() {
        return "RefreshingSecret[" + name + "]";
    }
}
