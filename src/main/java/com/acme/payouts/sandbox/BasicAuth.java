package com.acme.payouts.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * Checks Monoova's Basic authentication: the username is the API key and the password is ignored
 * (Monoova tells integrators to leave it blank).
 */
final class BasicAuth {

    private final byte[] apiKey;

    BasicAuth(String apiKey) {
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null) {
            return false;
        }
        String header = authorizationHeader.trim();
        if (header.length() < 6 || !header.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        String username = colon < 0 ? decoded : decoded.substring(0, colon);
        // Constant-time, so response timing doesn't leak how much of a guessed key was right
        return MessageDigest.isEqual(apiKey, username.getBytes(StandardCharsets.UTF_8));
    }
}
