package com.acme.payouts.monoova;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebhookSignatureVerifierTest {

    static KeyPair monoova;
    static KeyPair other;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        monoova = g.generateKeyPair();
        other = g.generateKeyPair();
    }

    static String sign(KeyPair keys, byte[] body) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update(body);
        return Base64.getEncoder().encodeToString(s.sign());
    }

    /** The PKCS#1 RSAPublicKey inside Java's X.509 encoding: what Monoova serves as hex. */
    static String pkcs1Hex(RSAPublicKey key) {
        byte[] spki = key.getEncoded();
        // SPKI = SEQUENCE { AlgorithmIdentifier (15 bytes for rsaEncryption), BIT STRING { 0x00, RSAPublicKey } }
        int bitString = 4 + 15;
        int offset = bitString + 4 + 1;
        byte[] pkcs1 = java.util.Arrays.copyOfRange(spki, offset, spki.length);
        return HexFormat.of().withUpperCase().formatHex(pkcs1);
    }

    @Test
    void parses_monoovas_hex_der_pkcs1_and_spki() {
        String hex = pkcs1Hex((RSAPublicKey) monoova.getPublic());
        assertThat(hex).startsWith("3082010A0282010100");
        assertThat(MonoovaPublicKeyParser.parseHex(hex)).isEqualTo(monoova.getPublic());
        assertThat(MonoovaPublicKeyParser.parseHex(HexFormat.of().formatHex(monoova.getPublic().getEncoded())))
                .isEqualTo(monoova.getPublic());
        assertThatThrownBy(() -> MonoovaPublicKeyParser.parseHex("not hex")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonoovaPublicKeyParser.parseHex("3003020101")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifies_the_exact_body_only_with_the_right_key() throws Exception {
        byte[] body = "{\"UniqueReference\":\"payout-po_x\",\"Status\":\"Payment Successful\"}".getBytes(StandardCharsets.UTF_8);
        String signature = sign(monoova, body);
        assertThat(WebhookSignatureVerifier.verify(body, signature, List.of(monoova.getPublic()))).isTrue();
        // rotation: any of several keys
        assertThat(WebhookSignatureVerifier.verify(body, signature, List.of(other.getPublic(), monoova.getPublic()))).isTrue();
        assertThat(WebhookSignatureVerifier.verify(body, signature, List.of(other.getPublic()))).isFalse();
        byte[] altered = "{\"UniqueReference\":\"payout-po_x\",\"Status\":\"Payment Successful\" }".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignatureVerifier.verify(altered, signature, List.of(monoova.getPublic()))).isFalse();
        assertThat(WebhookSignatureVerifier.verify(body, "not-base64!", List.of(monoova.getPublic()))).isFalse();
        assertThat(WebhookSignatureVerifier.verify(body, null, List.of(monoova.getPublic()))).isFalse();
        assertThat(WebhookSignatureVerifier.verify(body, sign(other, body), List.of(monoova.getPublic()))).isFalse();
    }

    @Test
    void public_keys_refetch_once_when_the_key_rotates() throws Exception {
        String[] served = {pkcs1Hex((RSAPublicKey) other.getPublic())};
        int[] fetches = {0};
        MonoovaPublicKeys keys = new MonoovaPublicKeys(() -> {
            fetches[0]++;
            return served[0];
        }, List.of(), java.time.Clock.systemUTC(), java.time.Duration.ofHours(1));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        // First use fetches the (old) key; a webhook signed with the new key fails until Monoova serves it.
        assertThat(keys.verify(body, sign(monoova, body))).isFalse();
        served[0] = pkcs1Hex((RSAPublicKey) monoova.getPublic());
        // Re-fetches are spaced out: a burst of bad signatures does not hammer Monoova.
        assertThat(keys.verify(body, sign(monoova, body))).isFalse();
        assertThat(fetches[0]).isEqualTo(1);
    }
}
