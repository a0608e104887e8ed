package com.acme.payouts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.monoova.MonoovaAdminClient;
import com.acme.payouts.store.WebhookReceipt;
import com.acme.payouts.store.embedded.EmbeddedWebhookReceiptStore;
import com.acme.payouts.support.MutableClock;
import com.acme.payouts.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookRecoveryTest {

    private static final String OURS = "https://payouts.example/webhooks/monoova";
    private final ObjectMapper json = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    private final EmbeddedWebhookReceiptStore receipts = new EmbeddedWebhookReceiptStore(TestDatabase.fresh(), clock);
    private final ArrayNode report = json.createArrayNode();
    private final List<Long> resent = new ArrayList<>();

    /** Monoova as far as recovery sees it: today's delivery report, and resend. */
    private final MonoovaAdminClient monoova = new MonoovaAdminClient(null, null, json, "http://monoova", 1, 1) {
        @Override
        public JsonNode subscriptionsReport(LocalDate date, int skip, int take) {
            return json.createObjectNode().put("status", "Ok")
                    .set("notifications", date.equals(LocalDate.of(2026, 11, 25)) ? report : json.createArrayNode());
        }

        @Override
        public JsonNode resendWebhook(long webhookId) {
            resent.add(webhookId);
            return json.createObjectNode().put("status", "Ok");
        }
    };

    private final WebhookRecovery recovery = new WebhookRecovery(monoova, receipts, () -> OURS, clock, 2, 1, Duration.ofSeconds(30));

    private void notification(long id, String status, int retryCount, String url) {
        report.addObject().put("dateTime", "11/25/2026 12:00:00 PM").put("eventName", "NPPReceivePayment")
                .put("lastResponseCode", 503).put("retryCount", retryCount).put("status", status).put("url", url)
                .put("webhookId", id);
    }

    @Test
    void only_errors_to_us_that_monoova_gave_up_on_and_we_never_processed_are_asked_for_again() {
        notification(1, "Error", 1, OURS + "?event=NPPReceivePayment");
        notification(2, "Sent", 0, OURS + "?event=NPPReceivePayment");
        notification(3, "Error", 0, OURS + "?event=NppPaymentStatus");
        notification(4, "Error", 1, "https://someone-else.example/hook");
        notification(5, "Error", 1, OURS + "?event=NppReturn");
        receipts.record(new WebhookReceipt("5", "NppReturn", WebhookReceipt.Outcome.APPLIED, null, "x", clock.instant()));

        assertThat(recovery.recover()).isEqualTo(1);
        assertThat(resent).containsExactly(1L);
    }

    @Test
    void a_notification_is_asked_for_again_after_a_cooldown_and_at_most_max_resends_times() {
        notification(7, "Error", 1, OURS);
        recovery.recover();
        recovery.recover();
        assertThat(resent).as("within the cooldown").containsExactly(7L);
        clock.advance(Duration.ofSeconds(31));
        recovery.recover();
        clock.advance(Duration.ofSeconds(31));
        recovery.recover();
        assertThat(resent).containsExactly(7L, 7L);
    }
}
