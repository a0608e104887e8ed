package com.acme.payouts.monoova;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Collection;

/**
 * Checks Monoova's {@code Verification-Signature}: base64 of an RSA PKCS#1 v1.5 / SHA-256 signature
 * over the exact raw body bytes (DIGEST §6.1). Any of several keys may match, so a key rotation
 * never rejects genuine webhooks.
 */
public final class WebhookSignatureVerifier {

    private WebhookSignatureVerifier() {}

    public static boolean verify(byte[] rawBody, String signatureBase64, Collection<? extends PublicKey> keys) {
        if (rawBody == null || signatureBase64 == null || signatureBase64.isBlank() || keys.isEmpty()) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        for (PublicKey key : keys) {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(key);
                verifier.update(rawBody);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException wrongKeyOrGarbage) {
                // try the next key
            }
        }
        return false;
    }
}
