package com.acme.payouts.webhook;

import com.acme.payouts.monoova.MonoovaPublicKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Decides whether a webhook request really comes from our Monoova subscription, before its body is
 * parsed: the subscription's security token must be in {@code Authorization} (compared in constant
 * time) and {@code Verification-Signature} must verify over the raw body with Monoova's key.
 */
public class WebhookAuthenticator {

    private final Supplier<String> expectedToken;
    private final MonoovaPublicKeys keys;

    /** @param expectedToken read per request, so a rotated token applies without a restart */
    public WebhookAuthenticator(Supplier<String> expectedToken, MonoovaPublicKeys keys) {
        this.expectedToken = expectedToken;
        this.keys = keys;
    }

    /** @throws WebhookAuthenticationException naming what failed (never echoing what was sent) */
    public void authenticate(byte[] rawBody, String authorization, String signature) {
        if (authorization == null || authorization.isBlank()) {
            throw new WebhookAuthenticationException("missing Authorization");
        }
        String expected = expectedToken.get();
        if (expected == null || expected.isBlank()) {
            throw new WebhookAuthenticationException("no webhook security token is configured");
        }
        if (!MessageDigest.isEqual(
                expected.trim().getBytes(StandardCharsets.UTF_8), authorization.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookAuthenticationException("wrong security token");
        }
        if (signature == null || signature.isBlank()) {
            throw new WebhookAuthenticationException("missing Verification-Signature");
        }
        if (rawBody == null || rawBody.length == 0) {
            throw new WebhookAuthenticationException("empty body");
        }
        if (!keys.verify(rawBody, signature)) {
            throw new WebhookAuthenticationException("signature does not verify");
        }
    }
}
