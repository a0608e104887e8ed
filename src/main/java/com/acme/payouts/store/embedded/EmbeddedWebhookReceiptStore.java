package com.acme.payouts.store.embedded;

import com.acme.payouts.store.WebhookReceipt;
import com.acme.payouts.store.WebhookReceiptStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Webhook receipts in H2 (MERGE, so a redriven webhook's new outcome replaces the old one). */
public class EmbeddedWebhookReceiptStore implements WebhookReceiptStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public EmbeddedWebhookReceiptStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void record(WebhookReceipt r) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                        .addValue("id", r.webhookId())
                        .addValue("event", r.eventName())
                        .addValue("outcome", r.outcome().name())
                        .addValue("payoutId", r.payoutId())
                        .addValue("detail", r.detail())
                        .addValue("receivedAt", r.receivedAt().atOffset(ZoneOffset.UTC))
                        .addValue("updatedAt", clock.instant().atOffset(ZoneOffset.UTC));
        int updated = jdbc.update(
                """
                UPDATE webhook_receipts SET event_name = :event, outcome = :outcome, payout_id = :payoutId,
                    detail = :detail, updated_at = :updatedAt
                WHERE webhook_id = :id AND outcome <> 'APPLIED'
                """,
                params);
        if (updated == 0) {
            try {
                jdbc.update(
                        """
                        INSERT INTO webhook_receipts (webhook_id, event_name, outcome, payout_id, detail, received_at, updated_at)
                        VALUES (:id, :event, :outcome, :payoutId, :detail, :receivedAt, :updatedAt)
                        """,
                        params);
            } catch (DuplicateKeyException alreadyApplied) {
                // an APPLIED receipt stays as it is
            }
        }
    }

    @Override
    public Optional<WebhookReceipt> find(String webhookId) {
        return jdbc
                .query(
                        "SELECT * FROM webhook_receipts WHERE webhook_id = :id",
                        Map.of("id", webhookId),
                        (rs, n) -> new WebhookReceipt(
                                rs.getString("webhook_id"),
                                rs.getString("event_name"),
                                WebhookReceipt.Outcome.valueOf(rs.getString("outcome")),
                                rs.getString("payout_id"),
                                rs.getString("detail"),
                                rs.getObject("received_at", OffsetDateTime.class).toInstant()))
                .stream()
                .findFirst();
    }
}
