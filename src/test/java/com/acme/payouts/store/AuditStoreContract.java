package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.audit.AuditEntry;
import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.payout.Actor;
import com.acme.payouts.support.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditStore} must do, and what the {@link AuditLog} chain built on it guarantees:
 * a linear chain under concurrent writers (several logs stand for several instances), entries read
 * back exactly as written, and verification that finds the first tampered, unlinked or missing entry.
 */
public abstract class AuditStoreContract {

    protected abstract AuditStore store();

    /** Changes the stored {@code after} of entry {@code seq} behind the log's back (an attacker with write access). */
    protected abstract void tamperAfter(long seq, String newAfter);

    /** Deletes entry {@code seq} behind the log's back. */
    protected abstract void delete(long seq);

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    private static final Actor OPERATOR = new Actor("key:operator", "operator");

    @Test
    void append_is_create_only_on_the_sequence_number() {
        AuditEntry e = new AuditEntry(1, clock.instant(), "a", "a", "x", "payout:p", null, "{}", "0", "h");
        assertThat(store().append(e)).isTrue();
        assertThat(store().append(new AuditEntry(1, clock.instant(), "b", "b", "y", "payout:q", null, "{}", "0", "h2")))
                .isFalse();
        assertThat(store().head()).contains(e);
    }

    @Test
    void entries_read_back_exactly_as_written_and_by_entity_newest_first() {
        AuditLog log = new AuditLog(store(), clock);
        AuditEntry first = log.append("payout.created", "payout:p1", OPERATOR, null, Map.of("status", "RECEIVED"));
        clock.advance(java.time.Duration.ofMillis(1500));
        log.append("payee.created", "payee:x", OPERATOR, null, Map.of("id", "x"));
        AuditEntry third = log.append("payout.status-changed", "payout:p1", OPERATOR,
                Map.of("status", "RECEIVED"), Map.of("status", "SUBMITTING"));
        assertThat(store().range(1, 10)).hasSize(3).first().isEqualTo(first);
        assertThat(store().byEntity("payout:p1", Long.MAX_VALUE, 10)).containsExactly(third, first);
        assertThat(store().byEntity("payout:p1", third.seq(), 10)).containsExactly(first);
        assertThat(log.verify().valid()).isTrue();
        assertThat(log.verify().entriesChecked()).isEqualTo(3);
    }

    @Test
    void concurrent_writers_on_several_instances_keep_one_linear_chain() throws Exception {
        int instances = 4;
        int each = 15;
        List<AuditLog> logs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            logs.add(new AuditLog(store(), clock));
        }
        ExecutorService pool = Executors.newFixedThreadPool(instances * 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < instances * 2; t++) {
            AuditLog log = logs.get(t % instances);
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int n = 0; n < each; n++) {
                    log.append("test.appended", "test:" + thread, OPERATOR, null, Map.of("n", n));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        AuditLog.Verification v = logs.get(0).verify();
        assertThat(v.valid()).as(v.toString()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo((long) instances * 2 * each);
    }

    @Test
    void verification_names_the_first_tampered_entry() {
        AuditLog log = new AuditLog(store(), clock);
        for (int i = 1; i <= 5; i++) {
            log.append("payout.status-changed", "payout:p", OPERATOR, null, Map.of("n", i));
        }
        assertThat(log.verify().valid()).isTrue();
        tamperAfter(3, "{\"n\":300}");
        AuditLog.Verification v = log.verify();
        assertThat(v.valid()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(3L);
        assertThat(v.reason()).contains("hash");
        assertThat(v.entriesChecked()).isEqualTo(2);
    }

    @Test
    void verification_names_a_deleted_entry() {
        AuditLog log = new AuditLog(store(), clock);
        for (int i = 1; i <= 4; i++) {
            log.append("payout.status-changed", "payout:p", OPERATOR, null, Map.of("n", i));
        }
        delete(2);
        AuditLog.Verification v = log.verify();
        assertThat(v.valid()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(2L);
        assertThat(v.reason()).contains("missing");
    }

    @Test
    void an_entry_rewritten_with_a_matching_hash_still_breaks_the_link_to_the_next() {
        AuditLog log = new AuditLog(store(), clock);
        for (int i = 1; i <= 3; i++) {
            log.append("payout.status-changed", "payout:p", OPERATOR, null, Map.of("n", i));
        }
        // An attacker who recomputes entry 2's own hash after changing it cannot also fix entry 3's
        // prevHash without recomputing every later entry: verification stops at 3.
        AuditEntry two = store().range(2, 1).get(0);
        AuditEntry forged = new AuditEntry(2, two.at(), two.actorId(), two.actorName(), two.action(), two.entity(),
                two.before(), "{\"n\":200}", two.prevHash(), null);
        String forgedHash = com.acme.payouts.audit.AuditChain.hash(forged);
        rewrite(2, "{\"n\":200}", forgedHash);
        AuditLog.Verification v = log.verify();
        assertThat(v.valid()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(3L);
        assertThat(v.reason()).contains("link");
    }

    /** Replaces {@code after} and {@code hash} of entry {@code seq}. */
    protected abstract void rewrite(long seq, String newAfter, String newHash);
}
