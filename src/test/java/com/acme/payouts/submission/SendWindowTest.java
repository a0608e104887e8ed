package com.acme.payouts.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    private static final Instant CLAIMED = Instant.parse("2026-11-26T03:00:00Z");

    @Test
    void the_call_budget_counts_pool_wait_connect_and_response() {
        assertThat(SendWindow.callBudget(2000, 10000)).isEqualTo(Duration.ofSeconds(14));
    }

    @Test
    void a_worker_may_send_only_while_the_whole_call_still_ends_before_the_sweeper_looks() {
        // production defaults: the sweeper looks after 60 s; a call takes at most 14 s; 1 s margin
        SendWindow w = new SendWindow(Duration.ofSeconds(60), SendWindow.callBudget(2000, 10000));
        assertThat(w.window()).isEqualTo(Duration.ofSeconds(45));
        assertThat(w.allows(CLAIMED, CLAIMED)).isTrue();
        assertThat(w.allows(CLAIMED, CLAIMED.plusSeconds(45))).isTrue();
        assertThat(w.allows(CLAIMED, CLAIMED.plusSeconds(45).plusMillis(1))).isFalse();
        // the latest allowed start plus the whole budget still ends before the sweeper's threshold
        assertThat(CLAIMED.plus(w.window()).plusSeconds(14)).isBefore(CLAIMED.plusSeconds(60));
    }

    @Test
    void a_sweeper_threshold_inside_the_call_budget_is_refused_at_start_up() {
        assertThatThrownBy(() -> new SendWindow(Duration.ofSeconds(5), SendWindow.callBudget(2000, 1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("submitting-stale-after")
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new SendWindow(Duration.ofMillis(6999), SendWindow.callBudget(1000, 3000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SendWindow(Duration.ofSeconds(7), SendWindow.callBudget(1000, 3000)).window())
                .isEqualTo(Duration.ofSeconds(1));
    }
}
