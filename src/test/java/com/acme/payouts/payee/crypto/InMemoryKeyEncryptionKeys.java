package com.acme.payouts.payee.crypto;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;

/** Test double: KEKs held in memory, with a current key the test can switch to mimic a rotation. */
public final class InMemoryKeyEncryptionKeys implements KeyEncryptionKeys {

    private final MaterialProviders materialProviders = Keyrings.newMaterialProviders();
    private final Map<String, IKeyring> keyrings = new ConcurrentHashMap<>();
    private volatile String currentKeyId;

    public InMemoryKeyEncryptionKeys(String firstKeyId) {
        addKey(firstKeyId);
        currentKeyId = firstKeyId;
    }

    void addKey(String keyId) {
        byte[] key = new byte[Keyrings.AES_256_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        keyrings.put(keyId, Keyrings.rawAes(materialProviders, "test-kek", keyId, key));
    }

    void makeCurrent(String keyId) {
        currentKeyId = keyId;
    }

    /** A new key, current from now on (like a local rotation). */
    @Override
    public synchronized String rotateToNewKey() {
        String keyId = "kek-" + (keyrings.size() + 1) + "-" + Long.toHexString(new SecureRandom().nextLong());
        addKey(keyId);
        currentKeyId = keyId;
        return keyId;
    }

    @Override
    public String currentKeyId() {
        return currentKeyId;
    }

    @Override
    public IKeyring keyring(String keyId) {
        IKeyring keyring = keyrings.get(keyId);
        if (keyring == null) {
            throw new PayeeCryptoException("no key " + keyId);
        }
        return keyring;
    }
}
