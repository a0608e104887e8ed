package com.acme.payouts.sandbox;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs webhook bodies the way Monoova documents it (SHA-256 with RSA, PKCS#1 v1.5, over the raw
 * body, base64 in {@code Verification-Signature}) and publishes the public key in Monoova's format:
 * upper-case hex of the DER PKCS#1 {@code RSAPublicKey}.
 *
 * <p>The key pair is generated in memory and never written anywhere, so no signing secret can end
 * up in the repository; a client must fetch the key from the sandbox it talks to. All sandboxes of
 * one JVM share one key pair, generated when the first one starts: RSA-2048 generation costs up to
 * a second on a small CI machine, which a test suite starting a dozen sandboxes would pay each time.
 */
final class WebhookSigner {

    private static final int KEY_BITS = 2048;

    private final KeyPair keyPair;
    private final String publicKeyHex;

    private WebhookSigner(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.publicKeyHex = HexFormat.of().withUpperCase().formatHex(pkcs1((RSAPublicKey) keyPair.getPublic()));
    }

    /** The key pair of this JVM, generated on first use. */
    static WebhookSigner shared() {
        return Holder.INSTANCE;
    }

    /** Lazy, thread-safe initialisation by the class loader. */
    private static final class Holder {
        static final WebhookSigner INSTANCE = generate();
    }

    static WebhookSigner generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return new WebhookSigner(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is part of every JDK", e);
        }
    }

    String publicKeyHex() {
        return publicKeyHex;
    }

    RSAPublicKey publicKey() {
        return (RSAPublicKey) keyPair.getPublic();
    }

    /** Base64 of the SHA256withRSA signature over exactly these bytes. */
    String sign(byte[] body) {
        try {
            // Signature objects are not thread-safe; one per call is cheap next to the RSA operation
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keyPair.getPrivate());
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with a freshly generated RSA key failed", e);
        }
    }

    /** DER {@code RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }}. */
    static byte[] pkcs1(RSAPublicKey key) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writeDer(content, 0x02, key.getModulus().toByteArray());
        writeDer(content, 0x02, key.getPublicExponent().toByteArray());
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        writeDer(sequence, 0x30, content.toByteArray());
        return sequence.toByteArray();
    }

    private static void writeDer(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] lengthBytes = BigInteger.valueOf(length).toByteArray();
            int start = lengthBytes[0] == 0 ? 1 : 0; // drop the sign byte, DER lengths are unsigned
            out.write(0x80 | (lengthBytes.length - start));
            out.write(lengthBytes, start, lengthBytes.length - start);
        }
        // BigInteger.toByteArray is already minimal two's complement, exactly what DER INTEGER wants
        out.write(value, 0, value.length);
    }
}
