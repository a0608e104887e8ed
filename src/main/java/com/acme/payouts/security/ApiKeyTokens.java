package com.acme.payouts.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The bearer format of API keys: {@code pk_<id>_<secret>}, where the id is 16 lowercase base32
 * characters (public: it names the key in the store, logs and the audit trail) and the secret 32
 * random bytes in base64url (43 characters, never stored or logged). The {@code pk_} prefix lets
 * secret scanners recognise a leaked key.
 */
public final class ApiKeyTokens {

    public static final String PREFIX = "pk_";
    /** The id of the bootstrap operator key, whose token may be any string of at least 32 characters. */
    public static final String BOOTSTRAP_ID = "bootstrap";
    static final int ID_LENGTH = 16;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private ApiKeyTokens() {}

    /** A presented token split into key id and secret. */
    public record Parsed(String keyId, String secret) {
        @Override
        public String toString() {
            return "Parsed[" + keyId + "]";
        }
    }

    public static String newId(SecureRandom random) {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(BASE32[random.nextInt(32)]);
        }
        return id.toString();
    }

    public static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String token(String keyId, String secret) {
        return PREFIX + keyId + "_" + secret;
    }

    /**
     * The key id and secret of an API key token; any other bearer that is not a JWT is a candidate for
     * the bootstrap key (its whole text is the secret). Empty for something that is neither.
     */
    public static Optional<Parsed> parse(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        if (token.startsWith(PREFIX) && token.length() > PREFIX.length() + ID_LENGTH + 1
                && token.charAt(PREFIX.length() + ID_LENGTH) == '_') {
            String id = token.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
            if (id.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
                return Optional.of(new Parsed(id, token.substring(PREFIX.length() + ID_LENGTH + 1)));
            }
        }
        if (looksLikeJwt(token)) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(BOOTSTRAP_ID, token));
    }

    /** Three base64url segments separated by dots. */
    public static boolean looksLikeJwt(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    }
}
