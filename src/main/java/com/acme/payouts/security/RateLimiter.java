package com.acme.payouts.security;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per second per credential, with a burst allowance: the generic cell rate algorithm (a
 * token bucket kept as one "theoretical arrival time" per key). Per instance: with N instances a
 * credential gets up to N times the rate, which is documented and acceptable here because the money
 * controls (limits, maker-checker) are enforced in the shared stores, not by this.
 */
public class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int MAX_TRACKED = 100_000;

    private final long interval;
    private final long tolerance;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();

    /**
     * @param perSecond sustained requests per second per key
     * @param burst how many requests may arrive at once
     */
    public RateLimiter(int perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1");
        }
        this.interval = NANOS_PER_SECOND / perSecond;
        this.tolerance = interval * (burst - 1);
        this.nanoTime = nanoTime;
    }

    /** Empty if the request may go ahead; otherwise how long to wait before the next one would. */
    public Duration check(String key) {
        long now = nanoTime.getAsLong();
        if (arrivals.size() > MAX_TRACKED) {
            // Keys whose bucket is full again carry no state worth keeping.
            arrivals.values().removeIf(tat -> tat < now);
        }
        long[] wait = {0};
        arrivals.compute(key, (k, tat) -> {
            long t = tat == null || tat < now ? now : tat;
            if (t - tolerance > now) {
                wait[0] = t - tolerance - now;
                return tat;
            }
            return t + interval;
        });
        return Duration.ofNanos(wait[0]);
    }
}
