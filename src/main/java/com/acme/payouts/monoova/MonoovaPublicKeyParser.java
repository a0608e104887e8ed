package com.acme.payouts.monoova;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Reads the key served by {@code GET /public/v1/certificate/public-key}: a hex string of DER. The
 * spec's example is a PKCS#1 {@code RSAPublicKey} (SEQUENCE of modulus and exponent); an X.509
 * SubjectPublicKeyInfo is accepted too, in case Monoova ever serves that form.
 */
public final class MonoovaPublicKeyParser {

    private MonoovaPublicKeyParser() {}

    public static RSAPublicKey parseHex(String hex) {
        String clean = hex == null ? "" : hex.replaceAll("[\\s\"]", "");
        byte[] der;
        try {
            der = HexFormat.of().parseHex(clean);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not hex", e);
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            try {
                return (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notSpki) {
                Der.Reader seq = new Der.Reader(der).sequence();
                BigInteger modulus = seq.integer();
                BigInteger exponent = seq.integer();
                return (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(modulus, exponent));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key in DER", e);
        }
    }

    /** Just enough DER to read SEQUENCE { INTEGER, INTEGER }. */
    static final class Der {
        static final class Reader {
            private final byte[] data;
            private int pos;
            private final int end;

            Reader(byte[] data) {
                this(data, 0, data.length);
            }

            private Reader(byte[] data, int start, int end) {
                this.data = data;
                this.pos = start;
                this.end = end;
            }

            Reader sequence() {
                int length = header(0x30);
                Reader inner = new Reader(data, pos, pos + length);
                pos += length;
                return inner;
            }

            BigInteger integer() {
                int length = header(0x02);
                byte[] value = new byte[length];
                System.arraycopy(data, pos, value, 0, length);
                pos += length;
                return new BigInteger(value);
            }

            private int header(int expectedTag) {
                if (pos >= end || (data[pos] & 0xff) != expectedTag) {
                    throw new IllegalArgumentException("unexpected DER tag");
                }
                pos++;
                int first = data[pos++] & 0xff;
                int length;
                if (first < 0x80) {
                    length = first;
                } else {
                    int bytes = first & 0x7f;
                    if (bytes == 0 || bytes > 3) {
                        throw new IllegalArgumentException("unsupported DER length");
                    }
                    length = 0;
                    for (int i = 0; i < bytes; i++) {
                        length = (length << 8) | (data[pos++] & 0xff);
                    }
                }
                if (length < 0 || pos + length > end) {
                    throw new IllegalArgumentException("DER length past the end");
                }
                return length;
            }
        }
    }
}
