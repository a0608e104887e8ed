package com.acme.payouts.payout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * How payout ids and Monoova references are made.
 *
 * <p>The payout id is derived from the caller's idempotency key, so "create this payout" is a single
 * conditional insert on the id: two instances receiving the same request race on one key and exactly
 * one wins, with no separate idempotency record that could be orphaned by a crash. The Monoova
 * {@code uniqueReference} is derived from the id and stored with the payout before the first call.
 */
public final class PayoutIds {

    private static final String PREFIX = "po_";
    private static final String REFERENCE_PREFIX = "payout-";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private PayoutIds() {}

    public static String fromIdempotencyKey(String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("payout:" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return PREFIX + base32(digest, 26);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    public static String monoovaReference(String payoutId) {
        return REFERENCE_PREFIX + payoutId;
    }

    /** The payout id a Monoova reference was made from, if it is one of ours. */
    public static Optional<String> payoutIdFromReference(String uniqueReference) {
        if (uniqueReference == null || !uniqueReference.startsWith(REFERENCE_PREFIX + PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(uniqueReference.substring(REFERENCE_PREFIX.length()));
    }

    public static boolean isPayoutId(String id) {
        return id != null && id.matches("po_[a-z2-7]{26}");
    }

    static String base32(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && out.length() < length) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
