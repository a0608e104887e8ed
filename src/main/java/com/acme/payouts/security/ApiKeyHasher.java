package com.acme.payouts.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes API key secrets for storage: HMAC-SHA-256 keyed with a server-side pepper over a per-key
 * random salt and the secret (ADR 0005).
 *
 * <p>Why not PBKDF2 or Argon2: those are for low-entropy passwords, where slowness is what stops a
 * guesser. Our secrets are 32 random bytes (256 bits), which no amount of guessing finds, so a slow
 * hash would only cost CPU on every request (and hand attackers a cheap way to burn it). The pepper
 * means a copy of the key table alone is not even enough to test a guess; the salt means two keys
 * never share a hash.
 */
public class ApiKeyHasher {

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec pepper;

    public ApiKeyHasher(byte[] pepper) {
        if (pepper.length < 32) {
            throw new IllegalArgumentException("the API key pepper must be at least 32 bytes");
        }
        this.pepper = new SecretKeySpec(pepper, HMAC);
    }

    public byte[] hash(byte[] salt, String secret) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(pepper);
            mac.update(salt);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }

    /** Constant-time comparison of {@code secret} against a stored salt and hash. */
    public boolean matches(byte[] salt, byte[] expectedHash, String secret) {
        return salt != null && expectedHash != null && MessageDigest.isEqual(hash(salt, secret), expectedHash);
    }
}
