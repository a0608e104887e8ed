package com.acme.payouts.aws;

import com.acme.payouts.payee.crypto.KeyEncryptionKeys;
import com.acme.payouts.payee.crypto.PayeeCryptoException;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;

/**
 * Key-encryption keys held in AWS KMS (the {@code aws} profile): payee data keys are wrapped and
 * unwrapped by KMS under the configured key, with the payee id in the encryption context (which KMS
 * logs to CloudTrail and checks on decrypt). The key id recorded with each payee is the KMS key ARN,
 * so payees wrapped under an earlier key still open after the configuration moves to a new one.
 */
public final class KmsKeyEncryptionKeys implements KeyEncryptionKeys {

    private final String currentKeyArn;
    private final KmsClient kms;
    private final MaterialProviders materialProviders;
    private final Map<String, IKeyring> keyrings = new ConcurrentHashMap<>();

    public KmsKeyEncryptionKeys(String currentKeyArn, KmsClient kms, MaterialProviders materialProviders) {
        if (currentKeyArn == null || currentKeyArn.isBlank()) {
            throw new PayeeCryptoException("a KMS key id or ARN for payee data keys is required");
        }
        this.currentKeyArn = currentKeyArn;
        this.kms = Objects.requireNonNull(kms, "kms");
        this.materialProviders = Objects.requireNonNull(materialProviders, "materialProviders");
    }

    @Override
    public String currentKeyId() {
        return currentKeyArn;
    }

    @Override
    public IKeyring keyring(String keyId) {
        return keyrings.computeIfAbsent(keyId, id -> materialProviders.CreateAwsKmsKeyring(
                CreateAwsKmsKeyringInput.builder().kmsKeyId(id).kmsClient(kms).build()));
    }
}
