package com.acme.payouts.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Monoova reports local Sydney times without an offset, and each endpoint family uses its own
 * pattern (see DIGEST §10.8). This class owns the clock and every one of those patterns so no
 * other class formats a date by hand.
 */
final class SydneyTime {

    static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    /** Webhook {@code TransactionDate}/{@code ReturnDate}: {@code 2019-07-22T00:00:00}. */
    private static final DateTimeFormatter WEBHOOK = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** Webhook {@code RejectionDateTime}: {@code 2019-07-22T00:00:00.00}, as in the spec example. */
    private static final DateTimeFormatter WEBHOOK_HUNDREDTHS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SS");
    /** Subscriptions: {@code 11/14/2019 3:41:05 PM}. */
    private static final DateTimeFormatter SUBSCRIPTION =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    /** InboundDirectCredit {@code DateTime}: {@code 2020-01-13T14:21:50.553}. */
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    /** NPPReceivePayment {@code DateTime}: {@code 20/10/2020 12:00:01 AM} (d/M/yyyy h:mm:ss tt). */
    private static final DateTimeFormatter NPP_RECEIVE = DateTimeFormatter.ofPattern("d/M/yyyy h:mm:ss a", Locale.US);
    /** Receivables report parameters: {@code 20200401000001}. */
    private static final DateTimeFormatter REPORT_PARAMETER = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** Ping {@code version} text: {@code 19-Nov-2018 06:54:48 AM}. */
    private static final DateTimeFormatter PING = DateTimeFormatter.ofPattern("dd-MMM-yyyy hh:mm:ss a", Locale.US);

    private final Clock clock;

    SydneyTime(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    LocalDate date(Instant instant) {
        return instant.atZone(SYDNEY).toLocalDate();
    }

    String webhookDateTime(Instant instant) {
        return WEBHOOK.format(instant.atZone(SYDNEY));
    }

    String webhookDateTimeHundredths(Instant instant) {
        return WEBHOOK_HUNDREDTHS.format(instant.atZone(SYDNEY));
    }

    String subscriptionDateTime(Instant instant) {
        return SUBSCRIPTION.format(instant.atZone(SYDNEY));
    }

    String inboundDateTime(Instant instant) {
        return MILLIS.format(instant.atZone(SYDNEY));
    }

    String nppReceiveDateTime(Instant instant) {
        return NPP_RECEIVE.format(instant.atZone(SYDNEY));
    }

    /** A receivables report time ({@code yyyyMMddHHmmss}, Sydney); throws DateTimeParseException if malformed. */
    Instant reportParameter(String text) {
        return java.time.LocalDateTime.parse(text, REPORT_PARAMETER).atZone(SYDNEY).toInstant();
    }

    String pingDateTime(Instant instant) {
        return PING.format(instant.atZone(SYDNEY));
    }
}
