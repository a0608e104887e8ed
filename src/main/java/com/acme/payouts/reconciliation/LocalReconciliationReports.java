package com.acme.payouts.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reconciliation reports as files: {@code <dir>/<runId>.json} and {@code <dir>/<runId>.csv}, each
 * written to a temporary name and moved into place, so a reader never sees half a report.
 */
public final class LocalReconciliationReports implements ReconciliationReports {

    private static final Pattern RUN_ID = Pattern.compile("rec-[0-9]{8}-[0-9]{8}-[a-z0-9]{8}");

    private final Path dir;

    public LocalReconciliationReports(Path dir) {
        this.dir = dir;
    }

    @Override
    public String write(String runId, byte[] json, byte[] csv) {
        check(runId);
        try {
            Files.createDirectories(dir);
            put(dir.resolve(runId + ".json"), json);
            put(dir.resolve(runId + ".csv"), csv);
            return dir.resolve(runId + ".json").toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reconciliation report " + runId, e);
        }
    }

    @Override
    public Optional<byte[]> json(String runId) {
        return read(runId, ".json");
    }

    @Override
    public Optional<byte[]> csv(String runId) {
        return read(runId, ".csv");
    }

    private Optional<byte[]> read(String runId, String suffix) {
        if (!RUN_ID.matcher(runId).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(runId + suffix);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling("." + UUID.randomUUID() + ".tmp");
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void check(String runId) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("not a run id");
        }
    }
}
