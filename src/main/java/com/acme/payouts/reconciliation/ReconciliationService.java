package com.acme.payouts.reconciliation;

import com.acme.payouts.funding.FundingBalance;
import com.acme.payouts.funding.FundingService;
import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.monoova.MonoovaAdminClient;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.Transition;
import com.acme.payouts.store.FundingStore;
import com.acme.payouts.store.Page;
import com.acme.payouts.store.PayoutQuery;
import com.acme.payouts.store.PayoutStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a reconciliation (ADR 0007): reads Monoova's side ({@code /financial/v2/status/{start}/{end}},
 * {@code /reports/v1/statement/{date}} per day, {@code /receivables/v6/report/{date}} and
 * {@code availableToDebit}) and ours (payouts first sent in the period, the ledger's credits, the
 * balance and payouts in flight), lets {@link Reconciler} name the differences, and writes the report
 * as JSON and CSV. Reading only: a run never changes a payout or the balance.
 */
public class ReconciliationService {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationService.class);
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int MAX_DAYS = 31;

    private final MonoovaAdminClient monoova;
    private final Supplier<Optional<BigDecimal>> availableToDebit;
    private final PayoutStore payoutStore;
    private final PayoutService payouts;
    private final FundingStore fundingStore;
    private final FundingService funding;
    private final Reconciler reconciler;
    private final ReconciliationReports reports;
    private final ObjectMapper json;
    private final Clock clock;

    public ReconciliationService(
            MonoovaAdminClient monoova,
            Supplier<Optional<BigDecimal>> availableToDebit,
            PayoutStore payoutStore,
            PayoutService payouts,
            FundingStore fundingStore,
            FundingService funding,
            Reconciler reconciler,
            ReconciliationReports reports,
            ObjectMapper json,
            Clock clock) {
        this.monoova = monoova;
        this.availableToDebit = availableToDebit;
        this.payoutStore = payoutStore;
        this.payouts = payouts;
        this.fundingStore = fundingStore;
        this.funding = funding;
        this.reconciler = reconciler;
        this.reports = reports;
        this.json = json;
        this.clock = clock;
    }

    /** The previous Sydney day: what the daily run reconciles. */
    public LocalDate yesterday() {
        return clock.instant().atZone(SYDNEY).toLocalDate().minusDays(1);
    }

    public static String dailyRunId(LocalDate day) {
        return "rec-" + COMPACT.format(day) + "-" + COMPACT.format(day) + "-dailyrun";
    }

    public boolean reported(String runId) {
        return reports.json(runId).isPresent();
    }

    /**
     * Reconciles the Sydney days [start, end] and writes the report.
     *
     * @param runId the run's id, or null for a new one
     * @throws MonoovaAdminClient.MonoovaCallException if Monoova's side cannot be read (nothing is written)
     */
    public ReconciliationReport run(LocalDate start, LocalDate end, String requestedBy, String runId) {
        Instant startedAt = clock.instant();
        String id = runId != null ? runId : "rec-" + COMPACT.format(start) + "-" + COMPACT.format(end) + "-" + random8();

        List<Reconciler.MonoovaStatus> statuses = new ArrayList<>();
        for (JsonNode s : monoova.statusesBetween(start, end).path("statuses")) {
            statuses.add(new Reconciler.MonoovaStatus(text(s, "uniqueReference"), text(s, "transactionStatus"),
                    text(s, "completedDate"), text(s, "dishonouredDate")));
        }
        List<Reconciler.StatementItem> statement = new ArrayList<>();
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            for (JsonNode t : monoova.statement(day).path("transactions")) {
                statement.add(new Reconciler.StatementItem(text(t, "uniqueReferenced"),
                        t.hasNonNull("transactionId") ? t.path("transactionId").asLong() : null,
                        t.hasNonNull("totalAmount") ? t.path("totalAmount").decimalValue() : null, text(t, "status")));
            }
        }
        List<ReceivablesCsv.Row> receivables = ReceivablesCsv.parse(monoova.receivablesReport(
                REPORT_TIME.format(start.atStartOfDay()), REPORT_TIME.format(end.atTime(23, 59, 59))));
        BigDecimal monoovaAvailable = availableToDebit.get().orElse(null);

        List<Payout> sent = payoutsFirstSentBetween(start, end);
        List<LedgerEntry> credits = fundingStore.entries(start, end).stream()
                .filter(e -> e.kind() == LedgerEntry.Kind.CREDIT)
                .toList();
        Optional<FundingBalance> balance = funding.balance();
        FundingService.InFlight inFlight = funding.inFlight();
        BigDecimal low = balance.map(b -> b.available().add(inFlight.notSent())).orElse(null);
        BigDecimal high = low == null ? null : low.add(inFlight.sending());

        Reconciler.Ours ours = new Reconciler.Ours(sent, payouts::find, credits, fundingStore::entry, low, high,
                balance.map(FundingBalance::shortfall).orElse(null));
        Reconciler.Theirs theirs = new Reconciler.Theirs(statuses, statement, receivables, monoovaAvailable);
        List<Break> breaks = reconciler.compare(ours, theirs, clock.instant());

        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("payoutsSent", Integer.toString(sent.size()));
        summary.put("monoovaTransactions", Integer.toString(statuses.size()));
        summary.put("statementTransactions", Integer.toString(statement.size()));
        summary.put("receivablesRows", Integer.toString(receivables.size()));
        summary.put("ledgerCredits", Integer.toString(credits.size()));
        summary.put("monoovaAvailableToDebit", monoovaAvailable == null ? "unreadable" : monoovaAvailable.toPlainString());
        summary.put("expectedAvailableToDebit", low == null ? "no balance yet" : low.toPlainString() + ".." + high.toPlainString());
        ReconciliationReport report = new ReconciliationReport(id, start, end, startedAt, clock.instant(), requestedBy,
                breaks.isEmpty(), breaks.size(), breaks, summary, null);
        try {
            String location = reports.write(id, json.writeValueAsBytes(report.withLocation(null)), csv(breaks));
            report = report.withLocation(location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (breaks.isEmpty()) {
            LOG.info("reconciliation {} of {}..{}: clean", id, start, end);
        } else {
            LOG.warn("reconciliation {} of {}..{}: {} break(s)", id, start, end, breaks.size());
        }
        return report;
    }

    /** Payouts whose first claim for submission fell on a Sydney day in [start, end]. */
    private List<Payout> payoutsFirstSentBetween(LocalDate start, LocalDate end) {
        Instant from = start.atStartOfDay(SYDNEY).toInstant();
        Instant to = end.plusDays(1).atStartOfDay(SYDNEY).toInstant();
        // A payout is sent after it is created: anything created more than a few days before the
        // period and still unsent then would show in an earlier run. Pages come newest first.
        Instant oldestCreated = from.minus(java.time.Duration.ofDays(3));
        List<Payout> found = new ArrayList<>();
        String cursor = null;
        do {
            Page<Payout> page = payoutStore.list(new PayoutQuery(null, null, 100, cursor));
            for (Payout p : page.items()) {
                if (p.createdAt().isBefore(oldestCreated)) {
                    return found;
                }
                Optional<Instant> firstSent = p.history().stream()
                        .filter(t -> t.event() == PayoutEvent.SUBMIT_STARTED)
                        .map(Transition::at)
                        .findFirst();
                if (firstSent.isPresent() && !firstSent.get().isBefore(from) && firstSent.get().isBefore(to)) {
                    found.add(p);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return found;
    }

    static byte[] csv(List<Break> breaks) {
        StringBuilder out = new StringBuilder("type,reference,payoutId,ourStatus,monoovaStatus,ourAmount,monoovaAmount,detail\r\n");
        for (Break b : breaks) {
            out.append(String.join(",", field(b.type().name()), field(b.reference()), field(b.payoutId()), field(b.ourStatus()),
                            field(b.monoovaStatus()), field(b.ourAmount()), field(b.monoovaAmount()), field(b.detail())))
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 4180 quoting. */
    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String random8() {
        StringBuilder s = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
