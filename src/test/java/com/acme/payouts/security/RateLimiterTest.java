package com.acme.payouts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void a_burst_passes_then_requests_wait_for_the_rate_per_credential() {
        RateLimiter limiter = new RateLimiter(2, 3, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.check("key:a")).as("request %d of the burst", i).isZero();
        }
        Duration wait = limiter.check("key:a");
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(limiter.check("key:b")).as("another credential has its own bucket").isZero();
        now.addAndGet(wait.toNanos());
        assertThat(limiter.check("key:a")).isZero();
        assertThat(limiter.check("key:a")).isPositive();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.check("key:a")).isZero();
        }
    }
}
