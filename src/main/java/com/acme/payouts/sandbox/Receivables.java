package com.acme.payouts.sandbox;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Automatcher's receiving side (DIGEST §4.3-4.6): money paid in by others lands in the sign-in
 * mAccount, a row is added to the receivables report ({@code /receivables/v6/report/{date}}, 29
 * columns) and the matching webhook is sent: {@code NPPReceivePayment} at once for NPP,
 * {@code InboundDirectCredit} (a batch object) when the DE batch lands. A credit refused by
 * whitelisting is never credited; it raises {@code NPPCreditRejections} (one object) or
 * {@code InboundDirectCreditRejections} (an array) instead, both camelCase as in the spec.
 *
 * <p>DE credits wait {@code deBatchDelay} for "the next batch" (Monoova: 7 BECS windows a business
 * day); every credit queued meanwhile lands in the same batch and the same webhook.
 */
final class Receivables {

    private static final System.Logger LOG = System.getLogger(Receivables.class.getName());
    static final String AUTOMATCHER_BSB = "802-985";
    static final String AUTOMATCHER_ACCOUNT = "654378888";
    static final String AUTOMATCHER_NAME = "ACME PAYOUTS";
    static final String REJECTION_REASON = "Non Whitelisted Source Account";
    static final String HEADER = String.join(", ", "Transaction ID", "Batch Id", "DateTime", "BSB", "AccountNumber",
            "AccountName", "PayId", "PayId Name", "TransactionCode", "TransactionType", "Amount", "LodgementRef",
            "RemitterName", "Indicator", "WithholdingTaxAmount", "EndToEndId", "RespondBeforeDateTime",
            "NameOfUserSupplyingFile", "NumberOfUserSupplyingFile", "DescriptionOfEntriesOnFile", "SourceBsb",
            "SourceAccountNumber", "SourceAccountName", "CategoryPurposeCode", "CreditorReferenceInformation", "USINumber",
            "USIScheme", "UltimateCreditorName", "ReconciliationRuleReference");

    /** What a trigger produced. */
    record Accepted(String id, String rail, boolean rejected, Instant landsAt) {}

    private record Pending(String id, InboundCredit credit) {}

    /** One report row: the landing time and the 29 fields. */
    private record Row(Instant at, List<String> fields) {}

    private final PayoutBook book;
    private final WebhookDispatcher webhooks;
    private final SydneyTime time;
    private final ScheduledExecutorService scheduler;
    private final SandboxConfig config;
    private final AtomicLong deIds = new AtomicLong(100_000_001L);
    private final AtomicLong nppIds = new AtomicLong(100_000_001L);
    private final AtomicLong batchIds = new AtomicLong(214_301L);
    private final AtomicLong rejectionIds = new AtomicLong(2_650L);
    private final List<Row> rows = new ArrayList<>();
    private final List<Pending> batch = new ArrayList<>();

    Receivables(PayoutBook book, WebhookDispatcher webhooks, SydneyTime time, ScheduledExecutorService scheduler,
            SandboxConfig config) {
        this.book = book;
        this.webhooks = webhooks;
        this.time = time;
        this.scheduler = scheduler;
        this.config = config;
    }

    Accepted receive(InboundCredit credit) {
        if (credit.rail().equals("NPP")) {
            return receiveNpp(credit);
        }
        String id = credit.rejected() ? String.valueOf(rejectionIds.getAndIncrement()) : "D" + String.format("%011d", deIds.getAndIncrement());
        boolean first;
        synchronized (batch) {
            first = batch.isEmpty();
            batch.add(new Pending(id, credit));
        }
        if (first) {
            try {
                scheduler.schedule(this::landBatch, config.deBatchDelay().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                LOG.log(Level.DEBUG, "DE batch skipped: sandbox closed");
            }
        }
        return new Accepted(id, "DE", credit.rejected(), time.now().plus(config.deBatchDelay()));
    }

    private Accepted receiveNpp(InboundCredit credit) {
        Instant now = time.now();
        if (credit.rejected()) {
            String id = String.valueOf(rejectionIds.getAndIncrement());
            webhooks.publish("NPPCreditRejections", null, rejection(id, null, credit, now, "NPP"), credit.fault(), false);
            return new Accepted(id, "NPP", true, now);
        }
        String id = "N" + String.format("%011d", nppIds.getAndIncrement());
        book.credit(credit.amount());
        addRow(now, id, "", "", "NPP", credit);
        webhooks.publish("NPPReceivePayment", null, nppReceivePayment(id, credit, now), credit.fault(), false);
        return new Accepted(id, "NPP", false, now);
    }

    /** The batch lands: accepted credits are credited and reported in one webhook; refused ones in another. */
    private void landBatch() {
        List<Pending> landing;
        synchronized (batch) {
            landing = new ArrayList<>(batch);
            batch.clear();
        }
        if (landing.isEmpty()) {
            return;
        }
        Instant now = time.now();
        String batchId = String.format("%012d", batchIds.getAndIncrement());
        List<Map<String, Object>> details = new ArrayList<>();
        List<Map<String, Object>> rejections = new ArrayList<>();
        BigDecimal total = Money.ZERO;
        WebhookFault creditFault = WebhookFault.NONE;
        WebhookFault rejectionFault = WebhookFault.NONE;
        for (Pending p : landing) {
            if (p.credit().rejected()) {
                rejections.add(rejection(p.id(), batchId, p.credit(), now, "DE"));
                rejectionFault = stronger(rejectionFault, p.credit().fault());
                continue;
            }
            book.credit(p.credit().amount());
            addRow(now, p.id(), batchId, "50", "DE", p.credit());
            details.add(directCredit(p.id(), batchId, p.credit(), now));
            total = total.add(p.credit().amount());
            creditFault = stronger(creditFault, p.credit().fault());
        }
        if (!details.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("TotalCount", details.size());
            body.put("TotalAmount", total);
            body.put("DirectCreditDetails", details);
            webhooks.publish("InboundDirectCredit", null, body, creditFault, false);
        }
        if (!rejections.isEmpty()) {
            webhooks.publish("InboundDirectCreditRejections", null, rejections, rejectionFault, false);
        }
        LOG.log(Level.INFO, "DE batch {0} landed: {1} credit(s), {2} rejected", batchId, details.size(), rejections.size());
    }

    /** The receivables report rows that landed in [from, to], as RFC 4180 CSV with the spec's header. */
    String report(Instant from, Instant to) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        synchronized (rows) {
            for (Row row : rows) {
                if (!row.at().isBefore(from) && !row.at().isAfter(to)) {
                    List<String> quoted = new ArrayList<>();
                    for (String field : row.fields()) {
                        quoted.add(csvField(field));
                    }
                    csv.append(String.join(",", quoted)).append("\r\n");
                }
            }
        }
        return csv.toString();
    }

    private void addRow(Instant at, String id, String batchId, String code, String type, InboundCredit c) {
        List<String> f = List.of(id, batchId, time.webhookDateTime(at), AUTOMATCHER_BSB, AUTOMATCHER_ACCOUNT, AUTOMATCHER_NAME,
                "", "", code, type, c.amount().toPlainString(), text(c.lodgementRef()), text(c.remitterName()), "", "0.00",
                type.equals("NPP") ? "NOTPROVIDED" : "", "", type.equals("DE") ? "M PAYMENTS PTY LIMIT" : "",
                type.equals("DE") ? "483449" : "", type.equals("DE") ? "SETTLEMENT" : "", text(c.sourceBsb()),
                text(c.sourceAccountNumber()), text(c.sourceAccountName()), "", "", "", "", "", "");
        synchronized (rows) {
            rows.add(new Row(at, f));
        }
    }

    private Map<String, Object> directCredit(String id, String batchId, InboundCredit c, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("TransactionId", id);
        d.put("BatchId", batchId);
        d.put("DateTime", time.inboundDateTime(at));
        d.put("Bsb", AUTOMATCHER_BSB);
        d.put("AccountNumber", AUTOMATCHER_ACCOUNT);
        d.put("AccountName", AUTOMATCHER_NAME);
        d.put("TransactionCode", "50");
        d.put("Amount", c.amount());
        d.put("LodgementRef", c.lodgementRef());
        d.put("RemitterName", truncate(c.remitterName(), 16));
        d.put("NameOfUserSupplyingFile", "M PAYMENTS");
        d.put("NumberOfUserSupplyingFile", "483449");
        d.put("DescriptionOfEntriesOnFile", "SETTLEMENT");
        d.put("Indicator", "");
        d.put("WithholdingTaxAmount", new BigDecimal("0.0"));
        d.put("SourceBsb", c.sourceBsb());
        d.put("SourceAccountNumber", c.sourceAccountNumber());
        d.put("ReceiptNumber", id.substring(1));
        return d;
    }

    private Map<String, Object> nppReceivePayment(String id, InboundCredit c, Instant at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("TransactionId", id);
        p.put("DateTime", time.nppReceiveDateTime(at));
        p.put("RemitterName", c.remitterName());
        // A string with four decimals, as in the spec's example ("10.0000")
        p.put("Amount", c.amount().setScale(4, RoundingMode.UNNECESSARY).toPlainString());
        p.put("AccountName", AUTOMATCHER_NAME);
        p.put("AccountNumber", AUTOMATCHER_ACCOUNT);
        p.put("Bsb", AUTOMATCHER_BSB);
        p.put("PaymentDescription", c.lodgementRef());
        p.put("PayId", null);
        p.put("PayIdName", null);
        p.put("SourceBsb", c.sourceBsb());
        p.put("SourceAccountNumber", c.sourceAccountNumber());
        p.put("SourceAccountName", c.sourceAccountName());
        p.put("EndToEndId", "NOTPROVIDED");
        p.put("CategoryPurposeCode", null);
        p.put("CreditorReferenceInformation", null);
        p.put("USINumber", null);
        p.put("USIScheme", null);
        p.put("UltimateCreditorName", null);
        p.put("ReconciliationRuleReference", null);
        p.put("ReceiptNumber", id.substring(1));
        return p;
    }

    /** camelCase, as both rejection events are in the spec. */
    private Map<String, Object> rejection(String id, String batchId, InboundCredit c, Instant at, String type) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", Long.parseLong(id));
        r.put("batchId", batchId == null ? null : Long.parseLong(batchId));
        r.put("dateTime", time.webhookDateTime(at));
        r.put("bsb", AUTOMATCHER_BSB);
        r.put("accountNumber", AUTOMATCHER_ACCOUNT);
        r.put("accountName", AUTOMATCHER_NAME);
        r.put("payId", null);
        r.put("payIdName", null);
        r.put("transactionCode", "50");
        r.put("transactionType", type);
        r.put("amount", c.amount());
        r.put("lodgementRef", c.lodgementRef());
        r.put("remitterName", c.remitterName());
        r.put("indicator", "");
        r.put("withholdingTaxAmount", new BigDecimal("0.0"));
        r.put("endToEndId", type.equals("NPP") ? "NOTPROVIDED" : "");
        r.put("nameOfUserSupplyingFile", type.equals("DE") ? "M PAYMENTS" : "");
        r.put("numberOfUserSupplyingFile", type.equals("DE") ? "483449" : "");
        r.put("descriptionOfEntriesOnFile", type.equals("DE") ? "SETTLEMENT" : "");
        r.put("reason", REJECTION_REASON);
        r.put("status", "Processed");
        r.put("sourceBsb", c.sourceBsb());
        r.put("sourceAccountNumber", c.sourceAccountNumber());
        r.put("sourceAccountName", c.sourceAccountName());
        return r;
    }

    private static WebhookFault stronger(WebhookFault a, WebhookFault b) {
        if (a == WebhookFault.DROP || b == WebhookFault.DROP) {
            return WebhookFault.DROP;
        }
        return a == WebhookFault.LOST || b == WebhookFault.LOST ? WebhookFault.LOST : WebhookFault.NONE;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
