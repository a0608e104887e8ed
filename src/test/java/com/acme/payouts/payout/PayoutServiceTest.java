package com.acme.payouts.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PayoutServiceTest {

    private PayoutService service;

    @BeforeEach
    void setUp() {
        PayoutStore store = new EmbeddedPayoutStore(TestDatabase.fresh());
        service = new PayoutService(store, Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));
    }

    private static NewPayout request(String key, String amount) {
        return new NewPayout(key, "api", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa", "masked", Money.aud(amount), PayoutMethod.NPP, "ref");
    }

    @Test
    void same_key_same_request_replays_the_original_and_a_different_request_conflicts() {
        PayoutService.CreateResult first = service.create(request("key-00000001", "10.00"));
        assertThat(first).isInstanceOf(PayoutService.Created.class);
        PayoutService.CreateResult again = service.create(request("key-00000001", "10.00"));
        assertThat(again).isInstanceOf(PayoutService.Replayed.class);
        assertThat(again.payout()).isEqualTo(first.payout());
        assertThat(service.create(request("key-00000001", "10.01"))).isInstanceOf(PayoutService.KeyConflict.class);
    }

    @Test
    void the_source_is_not_part_of_the_request_identity() {
        service.create(request("key-00000002", "10.00"));
        NewPayout viaQueue = new NewPayout("key-00000002", "sqs:payout-requests", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                "masked", Money.aud("10.00"), PayoutMethod.NPP, "ref");
        assertThat(service.create(viaQueue)).isInstanceOf(PayoutService.Replayed.class);
    }

    @Test
    void only_one_of_many_concurrent_claims_wins() throws Exception {
        String id = service.create(request("key-00000003", "10.00")).payout().id();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(() -> service.claimForSubmission(id).isPresent());
        }
        long winners = 0;
        for (Future<Boolean> f : pool.invokeAll(claims)) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
        assertThat(service.find(id).orElseThrow().submitAttempts()).isEqualTo(1);
    }

    @Test
    void a_late_or_duplicate_event_is_ignored_not_applied_twice() {
        String id = service.create(request("key-00000004", "10.00")).payout().id();
        service.claimForSubmission(id);
        assertThat(service.apply(id, PayoutEvent.PAYMENT_COMPLETED, "webhook")).isInstanceOf(PayoutService.Applied.class);
        // the execute answer arrives after the webhook
        PayoutService.ApplyResult late = service.apply(id, PayoutEvent.MONOOVA_ACCEPTED, "late answer");
        assertThat(late).isInstanceOf(PayoutService.Ignored.class);
        assertThat(service.apply(id, PayoutEvent.PAYMENT_COMPLETED, "duplicate webhook")).isInstanceOf(PayoutService.Ignored.class);
        Payout p = service.find(id).orElseThrow();
        assertThat(p.status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(p.history()).extracting(Transition::to)
                .containsExactly(PayoutStatus.RECEIVED, PayoutStatus.SUBMITTING, PayoutStatus.COMPLETED);
    }

    @Test
    void unknown_payout_is_reported_not_created() {
        assertThat(service.apply("po_nothere", PayoutEvent.PAYMENT_COMPLETED, "x")).isInstanceOf(PayoutService.NotFound.class);
    }
}
