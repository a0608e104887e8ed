package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link RedriveAuditStore} must do: append only, never replace, newest first. */
public abstract class RedriveAuditStoreContract {

    protected abstract RedriveAuditStore store();

    private static final Instant T0 = Instant.parse("2026-11-25T01:00:00Z");

    private static RedriveRecord record(Instant at, String who) {
        return new RedriveRecord("rd-" + UUID.randomUUID(), at, who, "monoova-webhooks", "m-" + UUID.randomUUID(),
                "n-" + UUID.randomUUID(), "event X is not handled by this service", RedriveRecord.REDRIVEN);
    }

    @Test
    void records_are_appended_and_listed_newest_first() {
        RedriveRecord first = record(T0, "operator");
        RedriveRecord second = record(T0.plusSeconds(60), "alice@example.org");
        store().append(first);
        store().append(second);
        assertThat(store().recent(10)).containsExactly(second, first);
        assertThat(store().recent(1)).containsExactly(second);
    }

    @Test
    void a_record_is_never_replaced() {
        RedriveRecord original = record(T0, "operator");
        store().append(original);
        RedriveRecord forged = new RedriveRecord(original.id(), T0.plusSeconds(1), "someone-else", original.queue(),
                original.messageId(), null, null, RedriveRecord.REDRIVEN);
        assertThatThrownBy(() -> store().append(forged)).isInstanceOf(IllegalStateException.class);
        assertThat(store().recent(10)).containsExactly(original);
    }
}
