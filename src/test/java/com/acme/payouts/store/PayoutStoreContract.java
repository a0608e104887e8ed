package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.payout.Actor;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PayoutStore} must do, whatever it is built on. The embedded (H2) and DynamoDB
 * adapters both run this suite.
 */
public abstract class PayoutStoreContract {

    protected abstract PayoutStore store();

    protected static final Instant T0 = Instant.parse("2026-11-25T01:00:00Z");

    protected Payout newPayout(String customer, Instant at) {
        String id = PayoutIds.fromIdempotencyKey(UUID.randomUUID().toString());
        return Payout.received(id, "key-" + id, "fp-" + id, "api", customer, "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                "***-*00 ****5678", Money.aud("12.34"), PayoutMethod.NPP, "Invoice 42", at);
    }

    @Test
    void insert_is_create_only() {
        Payout p = newPayout("c-1", T0);
        assertThat(store().insert(p)).isTrue();
        assertThat(store().insert(p)).isFalse();
        assertThat(store().find(p.id())).contains(p);
        assertThat(store().find("po_doesnotexist")).isEmpty();
    }

    @Test
    void round_trips_every_field_including_history() {
        Payout p = newPayout("c-1", T0);
        store().insert(p);
        Payout next = p.apply(PayoutEvent.SUBMIT_STARTED, T0.plusSeconds(1), "claimed")
                .apply(PayoutEvent.MONOOVA_ACCEPTED, T0.plusSeconds(2), "Ok")
                .withMonoovaTransactionId(1022L);
        store().update(next, p.version());
        Payout read = store().find(p.id()).orElseThrow();
        assertThat(read).isEqualTo(next);
        assertThat(read.amount()).isEqualTo(Money.aud("12.34"));
        assertThat(read.history()).hasSize(3);
    }

    @Test
    void round_trips_who_created_a_held_payout_its_deadline_and_who_decided() {
        String id = PayoutIds.fromIdempotencyKey(UUID.randomUUID().toString());
        Actor maker = new Actor("key:maker0000000000", "web app");
        Payout held = Payout.pendingApproval(id, "key-" + id, "fp-" + id, "api", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                "***-*00 ****5678", Money.aud("25000.00"), PayoutMethod.NPP, "Invoice 42", maker, T0.plusSeconds(3600), T0);
        assertThat(store().insert(held)).isTrue();
        assertThat(store().find(id)).contains(held);
        Payout approved = held.apply(PayoutEvent.APPROVED, T0.plusSeconds(60), "approved by key:checker",
                new Actor("key:checker", "checker"));
        store().update(approved, held.version());
        Payout read = store().find(id).orElseThrow();
        assertThat(read).isEqualTo(approved);
        assertThat(read.decidedBy()).isEqualTo(new Actor("key:checker", "checker"));
        assertThat(read.createdBy()).isEqualTo(maker);
        assertThat(read.approvalDeadline()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void update_is_compare_and_set_on_the_version() {
        Payout p = newPayout("c-1", T0);
        store().insert(p);
        Payout claimed = p.apply(PayoutEvent.SUBMIT_STARTED, T0.plusSeconds(1), "claimed");
        store().update(claimed, p.version());
        Payout stale = p.apply(PayoutEvent.SUBMISSION_REFUSED, T0.plusSeconds(1), "late");
        assertThatThrownBy(() -> store().update(stale, p.version())).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store().find(p.id()).orElseThrow().status()).isEqualTo(PayoutStatus.SUBMITTING);
    }

    @Test
    void of_many_concurrent_writers_on_one_version_exactly_one_wins() throws Exception {
        Payout p = newPayout("c-1", T0);
        store().insert(p);
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    store().update(p.apply(PayoutEvent.SUBMIT_STARTED, T0.plusSeconds(n), "writer " + n), p.version());
                    return true;
                } catch (ConcurrentUpdateException lost) {
                    return false;
                }
            }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> f : results) {
            wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(wins).isEqualTo(1);
        assertThat(store().find(p.id()).orElseThrow().version()).isEqualTo(p.version() + 1);
    }

    @Test
    void finds_stale_payouts_by_status_and_age_oldest_first() {
        String customer = "c-stale-" + UUID.randomUUID();
        Payout old = newPayout(customer, T0.minusSeconds(600));
        Payout older = newPayout(customer, T0.minusSeconds(900));
        Payout fresh = newPayout(customer, T0);
        store().insert(old);
        store().insert(older);
        store().insert(fresh);
        List<Payout> stale = store().findStale(EnumSet.of(PayoutStatus.RECEIVED), T0.minusSeconds(60), 1000).stream()
                .filter(p -> p.customerId().equals(customer))
                .toList();
        assertThat(stale).extracting(Payout::id).containsExactly(older.id(), old.id());
        assertThat(store().findStale(EnumSet.of(PayoutStatus.SUBMITTED), T0.plusSeconds(60), 1000))
                .extracting(Payout::customerId)
                .doesNotContain(customer);
    }

    @Test
    void lists_newest_first_with_filters_and_a_cursor_that_visits_each_payout_once() {
        String customer = "c-page-" + UUID.randomUUID();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            Payout p = newPayout(customer, T0.plusSeconds(i));
            store().insert(p);
            ids.add(p.id());
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        Instant previous = Instant.MAX;
        int pages = 0;
        do {
            Page<Payout> page = store().list(new PayoutQuery(PayoutStatus.RECEIVED, customer, 3, cursor));
            for (Payout p : page.items()) {
                assertThat(seen.add(p.id())).isTrue();
                assertThat(p.createdAt()).isBeforeOrEqualTo(previous);
                previous = p.createdAt();
            }
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(ids);
        assertThat(pages).isEqualTo(3);
        assertThat(store().list(new PayoutQuery(PayoutStatus.COMPLETED, customer, 10, null)).items()).isEmpty();
    }

    @Test
    void a_cursor_it_did_not_issue_is_refused() {
        assertThatThrownBy(() -> store().list(new PayoutQuery(null, null, 5, "garbage!")))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void counts_by_status() {
        Payout p = newPayout("c-count", T0);
        Set<PayoutStatus> open = EnumSet.of(PayoutStatus.RECEIVED, PayoutStatus.UNKNOWN);
        long before = store().countByStatus(open).get(PayoutStatus.RECEIVED);
        long unknown = store().countByStatus(open).get(PayoutStatus.UNKNOWN);
        store().insert(p);
        assertThat(store().countByStatus(open)).containsOnlyKeys(open)
                .containsEntry(PayoutStatus.RECEIVED, before + 1)
                .containsEntry(PayoutStatus.UNKNOWN, unknown);
        assertThat(store().countByStatus(EnumSet.noneOf(PayoutStatus.class))).isEmpty();
    }
}
