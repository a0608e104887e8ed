package com.acme.payouts.payee.crypto;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.CryptoResult;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;

/**
 * Envelope encryption of payee destinations with the AWS Encryption SDK, two levels deep: each payee gets its own
 * random AES-256 data key, the destination is encrypted under that key, and the data key is encrypted (wrapped) under
 * the current key-encryption key (KEK). See ADR 0004.
 *
 * <p>Why a key per payee rather than one key for all: deleting one small wrapped key erases one payee for good
 * (crypto-shredding, even from backups), and a KEK rotation re-wraps 32-byte keys instead of re-encrypting data.
 *
 * <p>Both levels carry an encryption context naming the payee id; ESDK authenticates it and
 * {@link AwsCrypto#decryptData(IKeyring, byte[], Map)} insists on it, so a record copied onto another payee does not
 * open. Safe for concurrent use: every field is immutable or thread-safe.
 */
public final class EnvelopePayeeCipher implements PayeeCipher {

    /** ESDK provider namespace recorded in every payee ciphertext; names what wrapped its message key. */
    static final String DATA_KEY_NAMESPACE = "acme-payouts/payee-data-key";

    static final String DATA_KEY_NAME = "payee-data-key";
    static final String CONTEXT_PURPOSE = "purpose";
    static final String CONTEXT_PAYEE_ID = "payeeId";
    static final String PURPOSE_DESTINATION = "payee-destination";
    static final String PURPOSE_DATA_KEY = "payee-data-key";

    private final KeyEncryptionKeys keyEncryptionKeys;
    private final MaterialProviders materialProviders;
    private final SecureRandom random;
    private final AwsCrypto crypto;
    private final DataKeyCache dataKeys;

    public EnvelopePayeeCipher(KeyEncryptionKeys keyEncryptionKeys) {
        this(keyEncryptionKeys, Keyrings.newMaterialProviders(), new SecureRandom());
    }

    public EnvelopePayeeCipher(
            KeyEncryptionKeys keyEncryptionKeys, MaterialProviders materialProviders, SecureRandom random) {
        this(keyEncryptionKeys, materialProviders, random, DataKeyCache.disabled());
    }

    /** @param dataKeys unwrapped data keys kept for reuse; worth it when unwrapping costs a KMS call */
    public EnvelopePayeeCipher(
            KeyEncryptionKeys keyEncryptionKeys,
            MaterialProviders materialProviders,
            SecureRandom random,
            DataKeyCache dataKeys) {
        this.dataKeys = Objects.requireNonNull(dataKeys, "dataKeys");
        this.keyEncryptionKeys = Objects.requireNonNull(keyEncryptionKeys, "keyEncryptionKeys");
        this.materialProviders = Objects.requireNonNull(materialProviders, "materialProviders");
        this.random = Objects.requireNonNull(random, "random");
        this.crypto = AwsCrypto.builder()
                .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
                // Key-committing without the ECDSA signature: signatures only help when some readers must not be
                // able to write, but whoever can unwrap a payee's data key can encrypt under it anyway. Skipping them
                // makes each ESDK call ~8x cheaper and each message ~200 bytes smaller (ADR 0004).
                .withEncryptionAlgorithm(CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY)
                // Every message we write has exactly one encrypted data key; refusing more bounds decrypt work.
                .withMaxEncryptedDataKeys(1)
                .build();
    }

    @Override
    public SealedPayee seal(String payeeId, byte[] plaintext) {
        requirePayeeId(payeeId);
        Objects.requireNonNull(plaintext, "plaintext");
        String kekId = keyEncryptionKeys.currentKeyId();
        IKeyring kek = keyEncryptionKeys.keyring(kekId);
        byte[] dataKey = new byte[Keyrings.AES_256_KEY_BYTES];
        random.nextBytes(dataKey);
        try {
            byte[] ciphertext = crypto.encryptData(
                            dataKeyring(dataKey), plaintext, context(PURPOSE_DESTINATION, payeeId))
                    .getResult();
            byte[] wrappedDataKey = crypto.encryptData(kek, dataKey, context(PURPOSE_DATA_KEY, payeeId))
                    .getResult();
            return new SealedPayee(kekId, wrappedDataKey, ciphertext);
        } catch (PayeeCryptoException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PayeeCryptoException("could not seal payee " + payeeId + " under key " + kekId, e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public byte[] open(String payeeId, SealedPayee sealed) {
        requirePayeeId(payeeId);
        Objects.requireNonNull(sealed, "sealed");
        byte[] dataKey = null;
        try {
            dataKey = dataKeys.get(sealed.kekId(), sealed.wrappedDataKey());
            if (dataKey == null) {
                IKeyring kek = keyEncryptionKeys.keyring(sealed.kekId());
                dataKey = decrypt(kek, sealed.wrappedDataKey(), PURPOSE_DATA_KEY, payeeId);
                if (dataKey.length != Keyrings.AES_256_KEY_BYTES) {
                    throw new PayeeCryptoException("wrapped data key of payee " + payeeId + " has the wrong length");
                }
                dataKeys.put(sealed.kekId(), sealed.wrappedDataKey(), dataKey);
            }
            // The ciphertext's own encryption context (payee id) is still checked on every open, so a
            // cached key cannot open another payee's record.
            return decrypt(dataKeyring(dataKey), sealed.ciphertext(), PURPOSE_DESTINATION, payeeId);
        } catch (PayeeCryptoException e) {
            throw e;
        } catch (RuntimeException e) {
            // ESDK's messages describe the failure (bad tag, context mismatch), never plaintext, so the cause stays.
            throw new PayeeCryptoException(
                    "could not open payee " + payeeId + " under key " + sealed.kekId()
                            + ": altered, another payee's, or wrong key",
                    e);
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    @Override
    public SealedPayee rewrap(String payeeId, SealedPayee sealed, String kekId) {
        requirePayeeId(payeeId);
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(kekId, "kekId");
        byte[] dataKey = null;
        try {
            dataKey = decrypt(keyEncryptionKeys.keyring(sealed.kekId()), sealed.wrappedDataKey(), PURPOSE_DATA_KEY, payeeId);
            if (dataKey.length != Keyrings.AES_256_KEY_BYTES) {
                throw new PayeeCryptoException("wrapped data key of payee " + payeeId + " has the wrong length");
            }
            byte[] rewrapped = crypto.encryptData(keyEncryptionKeys.keyring(kekId), dataKey, context(PURPOSE_DATA_KEY, payeeId))
                    .getResult();
            return new SealedPayee(kekId, rewrapped, sealed.ciphertext());
        } catch (PayeeCryptoException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PayeeCryptoException(
                    "could not re-wrap the data key of payee " + payeeId + " from " + sealed.kekId() + " to " + kekId, e);
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    private byte[] decrypt(IKeyring keyring, byte[] message, String purpose, String payeeId) {
        Map<String, String> expected = context(purpose, payeeId);
        CryptoResult<byte[], ?> result = crypto.decryptData(keyring, message, expected);
        // ESDK accepts a subset of the stored context; also refuse a message that carries extra entries.
        if (!expected.equals(result.getEncryptionContext())) {
            Arrays.fill(result.getResult(), (byte) 0);
            throw new PayeeCryptoException("encryption context of payee " + payeeId + " does not match");
        }
        return result.getResult();
    }

    private IKeyring dataKeyring(byte[] dataKey) {
        return Keyrings.rawAes(materialProviders, DATA_KEY_NAMESPACE, DATA_KEY_NAME, dataKey);
    }

    private static Map<String, String> context(String purpose, String payeeId) {
        return Map.of(CONTEXT_PURPOSE, purpose, CONTEXT_PAYEE_ID, payeeId);
    }

    private static void requirePayeeId(String payeeId) {
        if (payeeId == null || payeeId.isBlank()) {
            throw new IllegalArgumentException("payeeId is required");
        }
    }
}
