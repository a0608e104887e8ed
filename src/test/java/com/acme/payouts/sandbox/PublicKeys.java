package com.acme.payouts.sandbox;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a webhook receiver does with Monoova's key: wrap the hex DER PKCS#1 {@code RSAPublicKey}
 * in an X.509 SubjectPublicKeyInfo and verify SHA256withRSA signatures with it.
 */
final class PublicKeys {

    /** SEQUENCE { SEQUENCE { rsaEncryption OID, NULL }, BIT STRING ( 0 unused bits ... ) } for a 270-byte key. */
    private static final String SPKI_PREFIX_2048 = "30820122300D06092A864886F70D01010105000382010F00";

    private PublicKeys() {}

    static RSAPublicKey fromPkcs1Hex(String hex) throws GeneralSecurityException {
        byte[] pkcs1 = HexFormat.of().parseHex(hex);
        if (pkcs1.length != 270) {
            throw new GeneralSecurityException("expected a 2048-bit PKCS#1 key of 270 bytes, got " + pkcs1.length);
        }
        byte[] spki = HexFormat.of().parseHex(SPKI_PREFIX_2048 + hex);
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    }

    static boolean verifies(RSAPublicKey key, byte[] body, String base64Signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(body);
        return verifier.verify(Base64.getDecoder().decode(base64Signature));
    }
}
