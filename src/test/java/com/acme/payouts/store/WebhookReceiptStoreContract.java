package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.store.WebhookReceipt.Outcome;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link WebhookReceiptStore} must do; run against H2 and DynamoDB. */
public abstract class WebhookReceiptStoreContract {

    protected abstract WebhookReceiptStore store();

    private static final Instant AT = Instant.parse("2026-11-26T01:02:03.456Z");

    @Test
    void records_replaces_and_never_downgrades_an_applied_outcome() {
        String id = UUID.randomUUID().toString().substring(0, 12);
        store().record(new WebhookReceipt(id, "NppPaymentStatus", Outcome.REJECTED, "po_x", "no payout", AT));
        assertThat(store().find(id).orElseThrow().outcome()).isEqualTo(Outcome.REJECTED);
        store().record(new WebhookReceipt(id, "NppPaymentStatus", Outcome.APPLIED, "po_x", "COMPLETED", AT));
        WebhookReceipt applied = store().find(id).orElseThrow();
        assertThat(applied).isEqualTo(new WebhookReceipt(id, "NppPaymentStatus", Outcome.APPLIED, "po_x", "COMPLETED", AT));
        store().record(new WebhookReceipt(id, "NppPaymentStatus", Outcome.IGNORED, "po_x", "payout already COMPLETED", AT));
        assertThat(store().find(id).orElseThrow().outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(store().find("nothing-" + id)).isEmpty();
    }
}
