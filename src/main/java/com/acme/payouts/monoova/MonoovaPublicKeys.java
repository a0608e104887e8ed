package com.acme.payouts.monoova;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monoova's webhook signing keys: the one fetched from {@code /public/v1/certificate/public-key}
 * (cached), plus any configured extra keys for a rotation. When no key verifies, the key is fetched
 * again once and the check repeated, because the spec says the key changes yearly; re-fetches are
 * spaced out so forged requests cannot make us hammer Monoova.
 */
public class MonoovaPublicKeys {

    private static final Logger LOG = LoggerFactory.getLogger(MonoovaPublicKeys.class);
    private static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);

    private final Supplier<String> fetchHex;
    private final List<RSAPublicKey> configured;
    private final Clock clock;
    private final Duration ttl;
    private volatile RSAPublicKey fetched;
    private volatile RSAPublicKey previous;
    private volatile Instant fetchedAt = Instant.EPOCH;
    private volatile Instant lastAttempt = Instant.EPOCH;

    public MonoovaPublicKeys(Supplier<String> fetchHex, List<String> configuredHex, Clock clock, Duration ttl) {
        this.fetchHex = fetchHex;
        this.configured = configuredHex.stream()
                .filter(h -> h != null && !h.isBlank())
                .map(MonoovaPublicKeyParser::parseHex)
                .toList();
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Verifies with the known keys, re-fetching Monoova's key once if none matches. */
    public boolean verify(byte[] rawBody, String signature) {
        if (fetched == null || clock.instant().isAfter(fetchedAt.plus(ttl))) {
            refresh();
        }
        if (WebhookSignatureVerifier.verify(rawBody, signature, keys())) {
            return true;
        }
        if (refresh()) {
            return WebhookSignatureVerifier.verify(rawBody, signature, keys());
        }
        return false;
    }

    private List<RSAPublicKey> keys() {
        List<RSAPublicKey> keys = new ArrayList<>(configured);
        if (fetched != null) {
            keys.add(fetched);
        }
        // Keep the key we replaced: webhooks signed just before a rotation may still be in flight.
        if (previous != null) {
            keys.add(previous);
        }
        return keys;
    }

    /** Fetches the current key unless one was fetched moments ago; true if a new key was loaded. */
    synchronized boolean refresh() {
        Instant now = clock.instant();
        if (now.isBefore(lastAttempt.plus(MIN_REFETCH_INTERVAL)) && fetched != null) {
            return false;
        }
        lastAttempt = now;
        try {
            RSAPublicKey key = MonoovaPublicKeyParser.parseHex(fetchHex.get());
            boolean changed = fetched == null || !fetched.equals(key);
            if (changed && fetched != null) {
                previous = fetched;
                LOG.warn("Monoova webhook public key changed; keeping the previous one for verification too");
            }
            fetched = key;
            fetchedAt = now;
            return changed;
        } catch (RuntimeException e) {
            LOG.warn("cannot fetch Monoova's webhook public key: {}", e.getClass().getSimpleName());
            return false;
        }
    }
}
