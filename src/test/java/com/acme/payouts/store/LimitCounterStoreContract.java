package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.store.LimitCounterStore.Increment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link LimitCounterStore} must do. Run against H2 and DynamoDB. */
public abstract class LimitCounterStoreContract {

    protected abstract LimitCounterStore store();

    private static final Instant EXPIRES = Instant.parse("2026-11-27T13:00:00Z");

    private static String counter() {
        return "test:" + UUID.randomUUID();
    }

    @Test
    void adds_within_the_limit_and_refuses_past_it() {
        String c = counter();
        assertThat(store().tryAdd(List.of(new Increment(c, 600, 1000, EXPIRES)))).isTrue();
        assertThat(store().tryAdd(List.of(new Increment(c, 400, 1000, EXPIRES)))).isTrue();
        assertThat(store().tryAdd(List.of(new Increment(c, 1, 1000, EXPIRES)))).isFalse();
        assertThat(store().total(c)).isEqualTo(1000);
        assertThat(store().tryAdd(List.of(new Increment(counter(), 1001, 1000, EXPIRES)))).isFalse();
    }

    @Test
    void several_counters_move_together_or_not_at_all() {
        String key = counter();
        String customer = counter();
        assertThat(store().tryAdd(List.of(new Increment(key, 500, 10_000, EXPIRES), new Increment(customer, 500, 600, EXPIRES))))
                .isTrue();
        // The customer's counter is full: the key's must not move either.
        assertThat(store().tryAdd(List.of(new Increment(key, 500, 10_000, EXPIRES), new Increment(customer, 500, 600, EXPIRES))))
                .isFalse();
        assertThat(store().total(key)).isEqualTo(500);
        assertThat(store().total(customer)).isEqualTo(500);
    }

    @Test
    void subtract_hands_a_reservation_back() {
        String c = counter();
        List<Increment> r = List.of(new Increment(c, 700, 1000, EXPIRES));
        assertThat(store().tryAdd(r)).isTrue();
        store().subtract(r);
        assertThat(store().total(c)).isZero();
        assertThat(store().tryAdd(List.of(new Increment(c, 1000, 1000, EXPIRES)))).isTrue();
    }

    @Test
    void concurrent_reservations_never_pass_the_limit_together() throws Exception {
        String c = counter();
        int writers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int n = 0; n < 5; n++) {
                    if (store().tryAdd(List.of(new Increment(c, 100, 2_000, EXPIRES)))) {
                        accepted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(accepted.get()).isEqualTo(20);
        assertThat(store().total(c)).isEqualTo(2_000);
    }
}
