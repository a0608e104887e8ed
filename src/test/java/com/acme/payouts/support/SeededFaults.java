package com.acme.payouts.support;

import com.acme.payouts.payout.PayoutIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The sandbox's seeded fault draw (docs/sandbox.md, "Seeded random faults"), reproduced so a test can
 * pick an idempotency key whose payout meets exactly the fault it wants on a given execute attempt.
 */
public final class SeededFaults {

    /** The fault kinds in the order the draw picks them. */
    public enum ExecuteFault {
        FAIL_BEFORE_COMMIT,
        FAIL_AFTER_COMMIT,
        TIMEOUT_AFTER_COMMIT,
        RESET_AFTER_COMMIT
    }

    private SeededFaults() {}

    /** The fault the execute {@code attempt} of {@code uniqueReference} gets at fault rate 1.0. */
    public static ExecuteFault executeFaultAtFullRate(long seed, String uniqueReference, int attempt) {
        ByteBuffer digest = ByteBuffer.wrap(sha256(seed + "|" + uniqueReference + "|" + attempt + "|execute"));
        digest.getLong(); // the probability, always below a rate of 1.0
        return ExecuteFault.values()[(int) Long.remainderUnsigned(digest.getLong(), 4)];
    }

    /** An idempotency key (with {@code prefix}) whose payout's first execute gets {@code wanted} at rate 1.0. */
    public static String keyWhoseFirstExecuteGets(long seed, ExecuteFault wanted, String prefix) {
        for (int i = 0; i < 10_000; i++) {
            String key = prefix + UUID.randomUUID();
            String reference = PayoutIds.monoovaReference(PayoutIds.fromIdempotencyKey(key));
            if (executeFaultAtFullRate(seed, reference, 1) == wanted) {
                return key;
            }
        }
        throw new IllegalStateException("no key found; the draw is not what docs/sandbox.md describes");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
