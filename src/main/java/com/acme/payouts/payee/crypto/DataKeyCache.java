package com.acme.payouts.payee.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small, bounded cache of unwrapped payee data keys, so opening the same payees again and again
 * (every payout to them) does not cost a KMS call each time. Entries expire after {@code ttl} and the
 * least recently used is evicted beyond {@code maxEntries}; evicted keys are wiped. The cache key is a
 * hash of the wrapped key, so a re-wrapped or shredded payee never hits a stale entry. With the local
 * key file unwrapping is cheap and the cache is off ({@link #disabled()}).
 */
public final class DataKeyCache {

    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final Lru entries;

    private record Entry(byte[] dataKey, Instant expires) {}

    public DataKeyCache(int maxEntries, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new Lru(maxEntries);
    }

    /** Least-recently-used order; wipes a key as it is evicted. */
    private static final class Lru extends LinkedHashMap<ByteBuffer, Entry> {
        private final int max;

        Lru(int max) {
            super(16, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Entry> eldest) {
            boolean evict = size() > max;
            if (evict) {
                Arrays.fill(eldest.getValue().dataKey(), (byte) 0);
            }
            return evict;
        }
    }

    public static DataKeyCache disabled() {
        return new DataKeyCache(0, Duration.ZERO, Clock.systemUTC());
    }

    boolean enabled() {
        return maxEntries > 0 && !ttl.isZero();
    }

    /** A copy of the cached data key for this wrapped key, or null. */
    synchronized byte[] get(String kekId, byte[] wrappedDataKey) {
        if (!enabled()) {
            return null;
        }
        ByteBuffer key = key(kekId, wrappedDataKey);
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (clock.instant().isAfter(e.expires())) {
            Arrays.fill(e.dataKey(), (byte) 0);
            entries.remove(key);
            return null;
        }
        return e.dataKey().clone();
    }

    synchronized void put(String kekId, byte[] wrappedDataKey, byte[] dataKey) {
        if (enabled()) {
            entries.put(key(kekId, wrappedDataKey), new Entry(dataKey.clone(), clock.instant().plus(ttl)));
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private static ByteBuffer key(String kekId, byte[] wrappedDataKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kekId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return ByteBuffer.wrap(sha.digest(wrappedDataKey));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
