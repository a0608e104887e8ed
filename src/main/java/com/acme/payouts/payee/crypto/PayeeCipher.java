package com.acme.payouts.payee.crypto;

/**
 * Encrypts and decrypts one payee's destination, bound to that payee's id. The vault depends on this interface, not
 * on a key source, so local runs (key file) and AWS (KMS) differ only in wiring.
 */
public interface PayeeCipher {

    /** Encrypts {@code plaintext} so that only {@link #open} with the same {@code payeeId} can read it. */
    SealedPayee seal(String payeeId, byte[] plaintext);

    /**
     * Decrypts what {@link #seal} produced for {@code payeeId}.
     *
     * @throws PayeeCryptoException if anything was altered, the record belongs to another payee, or its
     *     key-encryption key is unavailable
     */
    byte[] open(String payeeId, SealedPayee sealed);

    /**
     * The same record with its data key re-wrapped under key-encryption key {@code kekId}; the ciphertext is
     * untouched. Used by key rotation: readers may open either form meanwhile.
     *
     * @throws PayeeCryptoException if the data key can't be unwrapped (altered, another payee's, key unavailable)
     */
    SealedPayee rewrap(String payeeId, SealedPayee sealed, String kekId);
}
