package com.acme.payouts.payee.crypto;

import java.nio.ByteBuffer;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/** The few MPL calls both key levels need, in one place so they can't drift apart (e.g. in wrapping algorithm). */
final class Keyrings {

    /** Length of every raw key we hold: AES-256. */
    static final int AES_256_KEY_BYTES = 32;

    private Keyrings() {}

    /** A fresh MPL client; create one per application and share it (it is thread-safe). */
    static MaterialProviders newMaterialProviders() {
        return MaterialProviders.builder()
                .MaterialProvidersConfig(MaterialProvidersConfig.builder().build())
                .build();
    }

    /**
     * A Raw AES keyring (AES-256-GCM wrapping). The MPL copies {@code key}, so the caller may and should wipe it
     * afterwards.
     */
    static IKeyring rawAes(MaterialProviders materialProviders, String namespace, String name, byte[] key) {
        if (key.length != AES_256_KEY_BYTES) {
            throw new PayeeCryptoException("keys for " + namespace + " must be " + AES_256_KEY_BYTES + " bytes");
        }
        return materialProviders.CreateRawAesKeyring(CreateRawAesKeyringInput.builder()
                .keyNamespace(namespace)
                .keyName(name)
                .wrappingKey(ByteBuffer.wrap(key))
                .wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16)
                .build());
    }
}
