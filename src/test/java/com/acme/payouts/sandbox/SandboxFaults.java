package com.acme.payouts.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the sandbox's seeded faults did, for tests that run a sandbox against the whole application.
 *
 * <p>Execute faults and webhook drops are counted from the sandbox's own log records (it logs every
 * one it injects, through {@code System.Logger}, which is JUL unless something bridges it). The draw
 * methods replay {@link FaultPolicy} for one call, which is how to tell the webhook faults that leave
 * no log line (duplicate, delay) and which attempt committed.
 */
public final class SandboxFaults implements AutoCloseable {

    /** Held strongly: JUL keeps loggers only weakly, and a collected logger loses its handler. */
    private final Logger logger = Logger.getLogger("com.acme.payouts.sandbox");

    private final Map<String, Integer> executeFaults = new TreeMap<>();
    private int webhookDrops;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            count(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private SandboxFaults() {
        handler.setLevel(Level.ALL);
        if (logger.getLevel() == null || logger.getLevel().intValue() > Level.INFO.intValue()) {
            logger.setLevel(Level.INFO);
        }
        logger.addHandler(handler);
    }

    /** Starts counting the faults every sandbox in this JVM injects from now on. */
    public static SandboxFaults record() {
        return new SandboxFaults();
    }

    private synchronized void count(LogRecord record) {
        String message = record.getMessage();
        Object[] params = record.getParameters();
        if (message == null) {
            return;
        }
        if (message.startsWith("Execute ") && message.contains("HTTP 500 before commit (fault)")) {
            executeFaults.merge(ExecuteFault.FAIL_BEFORE_COMMIT.name(), 1, Integer::sum);
        } else if (message.startsWith("Execute ") && message.contains("(fault)") && params != null && params.length >= 4) {
            executeFaults.merge(String.valueOf(params[3]), 1, Integer::sum);
        } else if (message.startsWith("Dropping ") && message.contains("webhook")) {
            webhookDrops++;
        }
    }

    /** Execute faults the sandbox injected, by kind ({@code FAIL_BEFORE_COMMIT}, {@code FAIL_AFTER_COMMIT}, ...). */
    public synchronized Map<String, Integer> executeFaults() {
        return new TreeMap<>(executeFaults);
    }

    /** Final-status webhooks the sandbox dropped on purpose. */
    public synchronized int webhookDrops() {
        return webhookDrops;
    }

    /** The execute fault the seeded draw gives call {@code attempt} (1-based) of {@code reference}, without triggers. */
    public static String executeFaultDraw(long seed, double rate, String reference, int attempt) {
        return new FaultPolicy(seed, rate).executeFault(Set.of(), reference, attempt).name();
    }

    /** Whether that call commits the payout (every fault but FAIL_BEFORE_COMMIT does), if it is the first to. */
    public static boolean commitsOnDraw(long seed, double rate, String reference, int attempt) {
        return new FaultPolicy(seed, rate).executeFault(Set.of(), reference, attempt).commits();
    }

    /** The final-webhook fault drawn for the committing call {@code attempt} of an NPP payout. */
    public static String webhookFaultDraw(long seed, double rate, String reference, int attempt) {
        return new FaultPolicy(seed, rate).webhookFault(Set.of(), reference, attempt).name();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
