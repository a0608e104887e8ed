package com.acme.payouts.payee.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A payee destination at rest: the ciphertext, the data key that encrypts it (itself encrypted under a key-encryption
 * key) and which key-encryption key that was.
 *
 * <p>The two byte arrays are kept apart on purpose, to be stored as separate attributes: deleting
 * {@code wrappedDataKey} alone crypto-shreds the payee, and rotating the key-encryption key rewrites only
 * {@code wrappedDataKey}, never the ciphertext. Both arrays are ESDK messages, so they are self-describing.
 *
 * <p>Arrays are copied in and out so a caller can't alter a sealed record after the fact.
 */
public record SealedPayee(String kekId, byte[] wrappedDataKey, byte[] ciphertext) {

    public SealedPayee {
        Objects.requireNonNull(kekId, "kekId");
        wrappedDataKey =
                Objects.requireNonNull(wrappedDataKey, "wrappedDataKey").clone();
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    @Override
    public byte[] wrappedDataKey() {
        return wrappedDataKey.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedPayee that
                && kekId.equals(that.kekId)
                && Arrays.equals(wrappedDataKey, that.wrappedDataKey)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kekId, Arrays.hashCode(wrappedDataKey), Arrays.hashCode(ciphertext));
    }

    /** Lengths only: the bytes are useless to a reader of logs and only add noise. */
    @Override
    public String toString() {
        return "SealedPayee[kekId=" + kekId + ", wrappedDataKey=" + wrappedDataKey.length + " bytes, ciphertext="
                + ciphertext.length + " bytes]";
    }
}
