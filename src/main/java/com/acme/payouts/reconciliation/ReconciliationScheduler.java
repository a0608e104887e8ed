package com.acme.payouts.reconciliation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily run: once the Sydney clock has passed {@code dailyAt}, the previous Sydney day is
 * reconciled unless its daily report exists. Looked at every {@code check-period}; several instances
 * may both run it, which only rewrites the same report.
 */
public class ReconciliationScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationScheduler.class);
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    private final ReconciliationService reconciliation;
    private final Clock clock;
    private final LocalTime dailyAt;

    public ReconciliationScheduler(ReconciliationService reconciliation, Clock clock, LocalTime dailyAt) {
        this.reconciliation = reconciliation;
        this.clock = clock;
        this.dailyAt = dailyAt;
    }

    /** The day due for its daily run now, if any. */
    public java.util.Optional<LocalDate> due() {
        ZonedDateTime now = clock.instant().atZone(SYDNEY);
        LocalDate yesterday = now.toLocalDate().minusDays(1);
        if (now.toLocalTime().isBefore(dailyAt) || reconciliation.reported(ReconciliationService.dailyRunId(yesterday))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(yesterday);
    }

    public void runIfDue() {
        due().ifPresent(day -> {
            try {
                reconciliation.run(day, day, "daily", ReconciliationService.dailyRunId(day));
            } catch (RuntimeException e) {
                LOG.error("daily reconciliation of {} failed ({}); trying again at the next check", day, e.getMessage());
            }
        });
    }
}
