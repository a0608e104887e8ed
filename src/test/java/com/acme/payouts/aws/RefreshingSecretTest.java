package com.acme.payouts.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RefreshingSecretTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));

    @Test
    void a_rotated_value_is_picked_up_after_the_refresh_interval_without_restart() {
        AtomicReference<String> stored = new AtomicReference<>("key-1");
        AtomicInteger reads = new AtomicInteger();
        RefreshingSecret secret = new RefreshingSecret("monoova/api-key", () -> {
            reads.incrementAndGet();
            return stored.get();
        }, Duration.ofMinutes(5), clock);
        assertThat(secret.get()).isEqualTo("key-1");
        stored.set("key-2");
        assertThat(secret.get()).isEqualTo("key-1");
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofMinutes(6));
        assertThat(secret.get()).isEqualTo("key-2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void an_outage_keeps_the_last_value_and_never_shows_it() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        RefreshingSecret secret = new RefreshingSecret("monoova/api-key", () -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return "key-1";
        }, Duration.ofMinutes(5), clock);
        secret.get();
        failure.set(new IllegalStateException("Secrets Manager unavailable"));
        clock.advance(Duration.ofMinutes(6));
        assertThat(secret.get()).isEqualTo("key-1");
        assertThat(secret.toString()).doesNotContain("key-1");
    }

    @Test
    void no_value_at_all_is_an_error() {
        RefreshingSecret secret = new RefreshingSecret("x", () -> {
            throw new IllegalStateException("down");
        }, Duration.ofMinutes(5), clock);
        assertThatThrownBy(secret::get).isInstanceOf(IllegalStateException.class).hasMessageNotContaining("down");
    }
}
