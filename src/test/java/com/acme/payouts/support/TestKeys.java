package com.acme.payouts.support;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * RSA key pairs standing in for Monoova's webhook signing key, made once per test JVM. 1024 bits:
 * these tests check which key and which bytes were signed, not key strength, and generating larger
 * keys costs seconds on a busy machine.
 */
public final class TestKeys {

    public static final KeyPair MONOOVA = generate();
    public static final KeyPair IMPOSTOR = generate();

    private TestKeys() {}

    /** The public key as Monoova's public-key endpoint serves it: hex of DER. */
    public static String publicKeyHex(KeyPair keys) {
        return HexFormat.of().formatHex(keys.getPublic().getEncoded());
    }

    /** A {@code Verification-Signature} value: base64 of SHA256withRSA over the exact bytes. */
    public static String sign(KeyPair keys, byte[] body) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.getPrivate());
            s.update(body);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(1024);
            return rsa.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
