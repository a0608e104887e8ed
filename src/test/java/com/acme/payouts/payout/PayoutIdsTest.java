package com.acme.payouts.payout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayoutIdsTest {

    @Test
    void same_key_same_id_different_key_different_id() {
        String a = PayoutIds.fromIdempotencyKey("order-1234");
        assertThat(PayoutIds.fromIdempotencyKey("order-1234")).isEqualTo(a);
        assertThat(PayoutIds.fromIdempotencyKey("order-1235")).isNotEqualTo(a);
        assertThat(PayoutIds.isPayoutId(a)).isTrue();
        assertThat(a).matches("po_[a-z2-7]{26}");
    }

    @Test
    void monoova_reference_round_trips_and_fits_the_spec_limit() {
        String id = PayoutIds.fromIdempotencyKey("k-00000001");
        String ref = PayoutIds.monoovaReference(id);
        assertThat(ref.length()).isLessThanOrEqualTo(200);
        assertThat(PayoutIds.payoutIdFromReference(ref)).contains(id);
        assertThat(PayoutIds.payoutIdFromReference("someone-elses-ref")).isEmpty();
        assertThat(PayoutIds.payoutIdFromReference(null)).isEmpty();
    }
}
