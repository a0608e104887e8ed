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

    /**
     * A full rotation: Monoova starts signing with its new key while the cached key is the old one.
     * The first webhook with the new signature makes us fetch the key once and then verifies; webhooks
     * still in flight that were signed with the old key keep verifying; a key announced ahead in
     * configuration verifies from the start; a forgery still fails whatever we hold.
     */
    @Test
    void a_key_rotation_is_followed_without_refusing_genuine_webhooks() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair announced = g.generateKeyPair();
        KeyPair forger = g.generateKeyPair();
        String[] served = {pkcs1Hex((RSAPublicKey) other.getPublic())};
        int[] fetches = {0};
        com.acme.payouts.support.MutableClock clock = new com.acme.payouts.support.MutableClock(java.time.Instant.parse("2026-11-25T00:00:00Z"));
        MonoovaPublicKeys keys = new MonoovaPublicKeys(() -> {
            fetches[0]++;
            return served[0];
        }, List.of(HexFormat.of().formatHex(announced.getPublic().getEncoded())), clock, java.time.Duration.ofHours(12));
        byte[] body = "{\"UniqueReference\":\"payout-po_x\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(keys.verify(body, sign(other, body))).as("the current key").isTrue();
        assertThat(keys.verify(body, sign(announced, body))).as("a key announced in configuration").isTrue();
        assertThat(fetches[0]).isEqualTo(1);

        served[0] = pkcs1Hex((RSAPublicKey) monoova.getPublic());
        clock.advance(java.time.Duration.ofSeconds(31));
        assertThat(keys.verify(body, sign(monoova, body))).as("the new key, after one re-fetch").isTrue();
        assertThat(fetches[0]).isEqualTo(2);
        assertThat(keys.verify(body, sign(monoova, body))).isTrue();
        assertThat(fetches[0]).as("the new key is cached").isEqualTo(2);
        assertThat(keys.verify(body, sign(other, body))).as("a webhook signed just before the rotation").isTrue();

        assertThat(keys.verify(body, sign(forger, body))).isFalse();
        clock.advance(java.time.Duration.ofSeconds(31));
        assertThat(keys.verify(body, sign(forger, body))).isFalse();
        assertThat(fetches[0]).as("a forgery may cost one spaced-out re-fetch, never more").isEqualTo(3);
    }
}
