package com.acme.payouts.payee.crypto;

import software.amazon.cryptography.materialproviders.IKeyring;

/**
 * Where key-encryption keys (KEKs) come from: a local file in development, AWS KMS in production. Keys are addressed
 * by id so that a rotation can add a new current key while records wrapped under older ones stay readable.
 *
 * <p>Implementations must be safe for concurrent use.
 */
public interface KeyEncryptionKeys {

    /** The id of the key new data keys are wrapped under. */
    String currentKeyId();

    /**
     * A keyring that can wrap and unwrap data keys under key {@code keyId}.
     *
     * @throws PayeeCryptoException if no such key is available
     */
    IKeyring keyring(String keyId);

    /**
     * Makes a new key current for wrapping (local keys) or returns the configured current key (KMS, whose keys the
     * infrastructure creates); either way the id that a rotation must re-wrap every data key under. Keys that were
     * current before stay available for unwrapping.
     */
    default String rotateToNewKey() {
        return currentKeyId();
    }
}
