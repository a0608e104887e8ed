package com.acme.payouts.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Where the embedded default keeps its own secrets: owner-only files under the data directory. */
public final class SecretMaterial {

    private SecretMaterial() {}

    /**
     * The API key pepper: the configured one (base64, at least 32 bytes), or on the embedded default a
     * random one kept in {@code <dataDir>/secrets/api-key-pepper}.
     *
     * @param allowFile false in AWS, where every task must share one pepper from Secrets Manager
     */
    public static byte[] pepper(String configured, Path dataDir, boolean allowFile) {
        return key(configured, dataDir, allowFile, "PAYOUTS_API_KEY_PEPPER", "api-key-pepper",
                "every instance must hash API keys with the same pepper");
    }

    /**
     * The payee blind-index key: the configured one (base64, at least 32 bytes), or on the embedded default a
     * random one kept in {@code <dataDir>/secrets/payee-index-key}.
     *
     * @param allowFile false in AWS, where every task must index payees with the same key
     */
    public static byte[] payeeIndexKey(String configured, Path dataDir, boolean allowFile) {
        return key(configured, dataDir, allowFile, "PAYOUTS_PAYEE_INDEX_KEY", "payee-index-key",
                "every instance must index payees with the same key");
    }

    private static byte[] key(String configured, Path dataDir, boolean allowFile, String env, String file, String why) {
        if (configured != null && !configured.isBlank()) {
            byte[] key = Base64.getDecoder().decode(configured.trim());
            if (key.length < 32) {
                throw new IllegalStateException(env + " must be base64 of at least 32 bytes");
            }
            return key;
        }
        if (!allowFile) {
            throw new IllegalStateException(env + " must be set (base64 of 32 random bytes, from Secrets Manager): " + why);
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        byte[] stored = OwnerOnlyFiles.readOrCreate(
                dataDir.resolve("secrets").resolve(file),
                Base64.getEncoder().encode(fresh));
        return Base64.getDecoder().decode(new String(stored, StandardCharsets.US_ASCII).trim());
    }

    /** Writes a generated bootstrap token where the README's walkthrough reads it; false if the file exists. */
    public static boolean writeBootstrapToken(Path dataDir, String token) {
        return OwnerOnlyFiles.createNew(dataDir.resolve("bootstrap-token"), token.getBytes(StandardCharsets.US_ASCII));
    }
}
