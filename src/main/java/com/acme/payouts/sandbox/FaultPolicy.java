package com.acme.payouts.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Decides which faults an execute call suffers, from its scenario triggers first and otherwise
 * from a seeded random draw.
 *
 * <p>The draw hashes (seed, uniqueReference, attempt number for that reference) instead of
 * pulling from a shared {@code Random}: with 200 concurrent calls the order in which threads reach
 * a shared generator changes every run, while a hash of the call's own identity gives the same
 * answer for the same call in every run. SHA-256 keeps the result identical across JVMs.
 */
final class FaultPolicy {

    private static final ExecuteFault[] EXECUTE_FAULTS = {
        ExecuteFault.FAIL_BEFORE_COMMIT,
        ExecuteFault.FAIL_AFTER_COMMIT,
        ExecuteFault.TIMEOUT_AFTER_COMMIT,
        ExecuteFault.RESET_AFTER_COMMIT
    };
    private static final WebhookFault[] WEBHOOK_FAULTS = {WebhookFault.DROP, WebhookFault.DUPLICATE, WebhookFault.DELAY};

    /** Seed and rate change together, so they are swapped as one immutable value. */
    private record Settings(long seed, double rate) {}

    private volatile Settings settings;

    FaultPolicy(long seed, double rate) {
        requireRate(rate);
        this.settings = new Settings(seed, rate);
    }

    static void requireRate(double rate) {
        if (Double.isNaN(rate) || rate < 0.0 || rate > 1.0) {
            throw new IllegalArgumentException("fault rate must be between 0 and 1");
        }
    }

    void set(long seed, double rate) {
        requireRate(rate);
        this.settings = new Settings(seed, rate);
    }

    long seed() {
        return settings.seed();
    }

    double rate() {
        return settings.rate();
    }

    ExecuteFault executeFault(Set<Scenario> scenarios, String uniqueReference, int attempt) {
        // Precedence: the fault that commits nothing wins, then the louder failures
        if (scenarios.contains(Scenario.FAIL_BEFORE_COMMIT)) {
            return ExecuteFault.FAIL_BEFORE_COMMIT;
        }
        if (scenarios.contains(Scenario.FAIL_AFTER_COMMIT)) {
            return ExecuteFault.FAIL_AFTER_COMMIT;
        }
        if (scenarios.contains(Scenario.RESET)) {
            return ExecuteFault.RESET_AFTER_COMMIT;
        }
        if (scenarios.contains(Scenario.TIMEOUT)) {
            return ExecuteFault.TIMEOUT_AFTER_COMMIT;
        }
        Draw draw = draw(settings, uniqueReference, attempt, "execute");
        return draw.hit() ? EXECUTE_FAULTS[draw.pick(EXECUTE_FAULTS.length)] : ExecuteFault.NONE;
    }

    WebhookFault webhookFault(Set<Scenario> scenarios, String uniqueReference, int attempt) {
        if (scenarios.contains(Scenario.WEBHOOK_DROP)) {
            return WebhookFault.DROP;
        }
        if (scenarios.contains(Scenario.WEBHOOK_LOST)) {
            return WebhookFault.LOST;
        }
        if (scenarios.contains(Scenario.WEBHOOK_DUPLICATE)) {
            return WebhookFault.DUPLICATE;
        }
        if (scenarios.contains(Scenario.WEBHOOK_DELAY)) {
            return WebhookFault.DELAY;
        }
        Draw draw = draw(settings, uniqueReference, attempt, "webhook");
        return draw.hit() ? WEBHOOK_FAULTS[draw.pick(WEBHOOK_FAULTS.length)] : WebhookFault.NONE;
    }

    /** Two independent uniform numbers taken from one digest: whether to fault, and which. */
    private record Draw(double probability, long choice, double rate) {
        boolean hit() {
            return probability < rate;
        }

        int pick(int options) {
            return (int) Long.remainderUnsigned(choice, options);
        }
    }

    private static Draw draw(Settings settings, String uniqueReference, int attempt, String purpose) {
        if (settings.rate() == 0.0) {
            return new Draw(1.0, 0L, 0.0);
        }
        String key = settings.seed() + "|" + (uniqueReference == null ? "" : uniqueReference) + "|" + attempt + "|"
                + purpose;
        ByteBuffer digest = ByteBuffer.wrap(sha256(key.getBytes(StandardCharsets.UTF_8)));
        // 53 random bits make a uniform double in [0, 1)
        double probability = (digest.getLong() >>> 11) * 0x1.0p-53;
        return new Draw(probability, digest.getLong(), settings.rate());
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
