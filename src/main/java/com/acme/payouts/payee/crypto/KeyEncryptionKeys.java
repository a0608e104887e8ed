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
}
