package com.acme.payouts.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Monoova's receivables report ({@code /receivables/v6/report/{date}}, DIGEST §4.4): RFC 4180
 * CSV with the 29 columns of the spec. Parsed tolerantly, as the spec's own examples require: the
 * header may have a space after each comma, a row may have 28 fields, and columns are found by their
 * header name where there is one.
 */
public final class ReceivablesCsv {

    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    /** One received item; personal columns (names, accounts, PayIDs) are never read. */
    public record Row(String transactionId, String batchId, String type, BigDecimal amount, Instant at) {}

    private ReceivablesCsv() {}

    public static List<Row> parse(String csv) {
        List<List<String>> records = records(csv == null ? "" : csv);
        if (records.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = records.get(0);
        boolean hasHeader = !header.isEmpty() && header.get(0).trim().toLowerCase(Locale.ROOT).startsWith("transaction id");
        if (hasHeader) {
            for (int i = 0; i < header.size(); i++) {
                columns.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
            }
        }
        int id = columns.getOrDefault("transaction id", 0);
        int batch = columns.getOrDefault("batch id", 1);
        int dateTime = columns.getOrDefault("datetime", 2);
        int type = columns.getOrDefault("transactiontype", 9);
        int amount = columns.getOrDefault("amount", 10);
        List<Row> rows = new ArrayList<>();
        for (List<String> r : records.subList(hasHeader ? 1 : 0, records.size())) {
            if (r.size() <= amount || r.get(id).isBlank()) {
                continue;
            }
            rows.add(new Row(r.get(id).trim(), blankToNull(r.get(batch)), r.get(type).trim(),
                    new BigDecimal(r.get(amount).trim()), time(r.get(dateTime))));
        }
        return rows;
    }

    private static Instant time(String text) {
        try {
            return LocalDateTime.parse(text.trim()).atZone(SYDNEY).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> records(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
