package com.acme.payouts.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconciliationSchedulerTest {

    @TempDir
    Path dir;

    @Test
    void the_previous_sydney_day_is_due_once_after_the_daily_time_until_its_report_exists() {
        // 2026-11-25 05:00 in Sydney (AEDT, UTC+11)
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T18:00:00Z"));
        LocalReconciliationReports reports = new LocalReconciliationReports(dir);
        ReconciliationService service = new ReconciliationService(null, null, null, null, null, null, null, reports, null, clock);
        ReconciliationScheduler scheduler = new ReconciliationScheduler(service, clock, LocalTime.of(6, 0));

        assertThat(scheduler.due()).as("before 06:00 Sydney").isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(scheduler.due()).contains(LocalDate.of(2026, 11, 24));

        reports.write(ReconciliationService.dailyRunId(LocalDate.of(2026, 11, 24)), "{}".getBytes(), new byte[0]);
        assertThat(scheduler.due()).isEmpty();
        assertThat(ReconciliationService.dailyRunId(LocalDate.of(2026, 11, 24))).isEqualTo("rec-20261124-20261124-dailyrun");
    }
}
