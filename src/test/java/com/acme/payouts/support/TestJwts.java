package com.acme.payouts.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A stand-in identity provider for the tests: an RSA signing key, its JWK set served over HTTP on
 * the loopback interface (as an IdP serves {@code jwks_uri}), and JWTs minted with nimbus-jose-jwt.
 * One per test JVM, started on first use.
 */
public final class TestJwts {

    public static final String ISSUER = "https://idp.example.test/";
    public static final String AUDIENCE = "payouts-api";
    private static final String KEY_ID = "test-signing-key";

    private static TestJwts shared;

    private final RSAKey signing;
    private final RSAKey impostor;
    private final HttpServer server;

    private TestJwts() {
        this.signing = rsa(KEY_ID);
        this.impostor = rsa(KEY_ID);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(signing.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-jwks-stop"));
    }

    public static synchronized TestJwts shared() {
        if (shared == null) {
            shared = new TestJwts();
        }
        return shared;
    }

    public String jwkSetUri() {
        return "http://localhost:" + server.getAddress().getPort() + "/jwks";
    }

    /** A valid token for {@code subject} with these roles (as the {@code scope} claim) and customer scopes. */
    public String token(String subject, List<String> roles, List<String> customers) {
        return sign(signing, claims(subject, roles, customers, ISSUER, AUDIENCE, Instant.now().plusSeconds(300)));
    }

    /** The same claims, signed by a key the service does not trust. */
    public String forged(String subject, List<String> roles) {
        return sign(impostor, claims(subject, roles, List.of(), ISSUER, AUDIENCE, Instant.now().plusSeconds(300)));
    }

    /** A token for another audience, another issuer, or one that expired. */
    public String withClaims(String subject, List<String> roles, String issuer, String audience, Instant expires) {
        return sign(signing, claims(subject, roles, List.of(), issuer, audience, expires));
    }

    private static JWTClaimsSet claims(
            String subject, List<String> roles, List<String> customers, String issuer, String audience, Instant expires) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(expires))
                .claim("scope", String.join(" ", roles));
        if (!customers.isEmpty()) {
            b.claim("customers", customers);
        }
        return b.build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsa(String keyId) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId)
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> properties() {
        TestJwts idp = shared();
        return Map.of(
                "payouts.security.jwt.issuer", ISSUER,
                "payouts.security.jwt.audience", AUDIENCE,
                "payouts.security.jwt.jwk-set-uri", idp.jwkSetUri());
    }
}
