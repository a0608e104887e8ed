package com.acme.payouts.support;

import com.acme.payouts.monoova.SubscriptionBootstrap;
import com.acme.payouts.sandbox.MonoovaSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the whole application on its embedded default (sandbox, ElasticMQ,
 * H2) on a random port, driven over real HTTP. All subclasses share one application context and one
 * data directory, so the application starts once per test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class EmbeddedDefaultTest {

    /** One data directory per test JVM, under target/ so a failed run can be inspected. */
    public static final Path DATA_DIR = dataDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MonoovaSandbox sandbox;

    @Autowired
    private SubscriptionBootstrap subscriptions;

    protected PayoutsClient api;

    @DynamicPropertySource
    static void embeddedDefault(DynamicPropertyRegistry registry) {
        registry.add("payouts.data-dir", DATA_DIR::toString);
        // The bootstrap operator key PayoutsClient sends by default, and a stand-in identity provider.
        registry.add("payouts.security.bootstrap-token", () -> TestCredentials.BOOTSTRAP_TOKEN);
        TestJwts.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Calls as the bootstrap operator key; {@code api.as(token)} calls as someone else, {@code api.as(null)} with no credential. */
    @BeforeEach
    void client() {
        api = new PayoutsClient("http://localhost:" + port);
    }

    /**
     * The webhook subscription is made in the background once the application is ready; a payout
     * that settles before it exists gets no webhook. Tests that count webhooks need it in place.
     */
    @BeforeEach
    void webhookSubscriptionInPlace() {
        Awaitility.await("Monoova webhook subscription")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(subscriptions::isDone);
    }

    private static Path dataDir() {
        try {
            Path dir = Path.of("target", "test-data", "e2e-" + UUID.randomUUID()).toAbsolutePath();
            Files.createDirectories(dir);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
