package com.acme.payouts.sandbox;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Money paid into the Automatcher by someone else, e.g. an acquirer's settlement: what the
 * {@code /sandbox/v1/inbound-credits} trigger simulates. None of the payer fields is required.
 *
 * @param rail {@code DE} (lands in the next batch, {@code deBatchDelay} later) or {@code NPP} (at once)
 * @param amount positive, at most 2 decimals
 * @param rejected refused by the Automatcher's whitelisting: returned to the payer, never credited,
 *     and announced with a rejection webhook instead
 * @param webhook how the credit's webhook misbehaves: {@code NONE}, {@code DROP} (never sent) or
 *     {@code LOST} (both attempts fail; listed as Error in the delivery report)
 */
public record InboundCredit(
        String rail,
        BigDecimal amount,
        String lodgementRef,
        String remitterName,
        String sourceBsb,
        String sourceAccountNumber,
        String sourceAccountName,
        boolean rejected,
        String webhook) {

    public InboundCredit {
        if (!"DE".equals(rail) && !"NPP".equals(rail)) {
            throw new IllegalArgumentException("rail must be DE or NPP");
        }
        if (amount == null || amount.signum() <= 0 || !Money.hasAtMostTwoDecimals(amount)) {
            throw new IllegalArgumentException("amount must be positive with at most 2 decimal places");
        }
        amount = Money.normalise(amount);
        webhook = Objects.requireNonNullElse(webhook, "NONE");
        if (!webhook.equals("NONE") && !webhook.equals("DROP") && !webhook.equals("LOST")) {
            throw new IllegalArgumentException("webhook must be NONE, DROP or LOST");
        }
    }

    /** A settlement of {@code amount} by {@code rail} with typical acquirer payer details. */
    public static InboundCredit settlement(String rail, BigDecimal amount) {
        return new InboundCredit(rail, amount, "SETTLEMENT", "ACQUIRER SETTLE", "012-366", "123456789", "ACQUIRER PTY LTD",
                false, "NONE");
    }

    public InboundCredit withWebhook(String fault) {
        return new InboundCredit(rail, amount, lodgementRef, remitterName, sourceBsb, sourceAccountNumber, sourceAccountName,
                rejected, fault);
    }

    public InboundCredit rejectedByWhitelist() {
        return new InboundCredit(rail, amount, lodgementRef, remitterName, sourceBsb, sourceAccountNumber, sourceAccountName,
                true, webhook);
    }

    WebhookFault fault() {
        return WebhookFault.valueOf(webhook);
    }
}
