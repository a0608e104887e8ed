package com.acme.payouts.monitoring;

import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutListener;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.store.PayoutStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbers an operator alarms on: payouts by state, the age of the oldest payout stuck in each
 * unsettled state, dead-letter queue depths, and Monoova call latency and outcomes. State counts and
 * ages are read from the store on a timer (not per scrape), so metrics cost a few queries a minute
 * whatever the traffic. Tags are fixed vocabularies (states, queue names, outcomes): never ids.
 */
public class PayoutMetrics implements AutoCloseable, PayoutListener {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutMetrics.class);
    private static final Set<PayoutStatus> WATCHED_AGE =
            EnumSet.of(PayoutStatus.RECEIVED, PayoutStatus.SUBMITTING, PayoutStatus.SUBMITTED, PayoutStatus.UNKNOWN);

    private final MeterRegistry registry;
    private final PayoutStore store;
    private final Map<String, ToLongFunction<String>> queueDepth;
    private final Clock clock;
    /** The states a payout is counted in: the open ones. Counting a final state would read all history. */
    private static final Set<PayoutStatus> OPEN = openStates();

    private final Map<PayoutStatus, AtomicLong> counts = new EnumMap<>(PayoutStatus.class);
    private final Map<PayoutStatus, AtomicLong> oldestAgeSeconds = new EnumMap<>(PayoutStatus.class);
    private final Map<String, AtomicLong> depths = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "payout-metrics");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param deadLetterQueues queue name to a function reading its depth (e.g. SQS ApproximateNumberOfMessages)
     */
    public PayoutMetrics(MeterRegistry registry, PayoutStore store, List<String> deadLetterQueues,
            ToLongFunction<String> depthOf, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
        this.queueDepth = new LinkedHashMap<>();
        for (String q : deadLetterQueues) {
            queueDepth.put(q, depthOf);
        }
        for (PayoutStatus s : OPEN) {
            AtomicLong n = new AtomicLong();
            counts.put(s, n);
            Gauge.builder("payouts.status.count", n, AtomicLong::get)
                    .description("payouts currently in this (open) state")
                    .tag("status", s.name())
                    .register(registry);
        }
        for (PayoutStatus s : WATCHED_AGE) {
            AtomicLong age = new AtomicLong();
            oldestAgeSeconds.put(s, age);
            Gauge.builder("payouts.oldest.age", age, AtomicLong::get)
                    .description("seconds since the oldest payout in this state last changed (0 when none)")
                    .baseUnit("seconds")
                    .tag("status", s.name())
                    .register(registry);
        }
        for (String q : deadLetterQueues) {
            AtomicLong depth = new AtomicLong();
            depths.put(q, depth);
            Gauge.builder("payouts.dlq.depth", depth, AtomicLong::get)
                    .description("messages waiting in a dead-letter queue")
                    .tag("queue", q)
                    .register(registry);
        }
    }

    /**
     * Counts payouts as they reach a final state (by this instance: CloudWatch sums the instances), so
     * "how many settled, and how" never needs the store to count all of history.
     */
    @Override
    public void changed(Payout before, Payout after) {
        if (after.status().isSettled() && before.status() != after.status()) {
            registry.counter("payouts.settled", "status", after.status().name()).increment();
        }
    }

    private static Set<PayoutStatus> openStates() {
        Set<PayoutStatus> open = EnumSet.noneOf(PayoutStatus.class);
        for (PayoutStatus s : PayoutStatus.values()) {
            if (!s.isSettled()) {
                open.add(s);
            }
        }
        return open;
    }

    public void start(Duration every) {
        timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the store and the queues once; failures are logged and the old values kept. */
    public void refresh() {
        try {
            store.countByStatus(OPEN).forEach((s, n) -> counts.get(s).set(n));
            Instant now = clock.instant();
            for (PayoutStatus s : WATCHED_AGE) {
                List<Payout> oldest = store.findStale(EnumSet.of(s), now, 1);
                oldestAgeSeconds.get(s).set(oldest.isEmpty() ? 0 : Duration.between(oldest.get(0).updatedAt(), now).toSeconds());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not refresh payout metrics from the store: {}", e.getClass().getSimpleName());
        }
        queueDepth.forEach((q, f) -> {
            try {
                depths.get(q).set(f.applyAsLong(q));
            } catch (RuntimeException e) {
                LOG.warn("could not read the depth of {}: {}", q, e.getClass().getSimpleName());
            }
        });
    }

    /** One Monoova call: {@code operation} execute or status, {@code outcome} the classified answer. */
    public void monoovaCall(String operation, String outcome, Duration elapsed) {
        Timer.builder("payouts.monoova.calls")
                .description("Monoova API calls by operation and classified outcome")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .record(elapsed);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
