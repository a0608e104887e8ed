package com.acme.payouts.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns "nothing configured" into the embedded default before any bean is built: with no
 * {@code monoova.base-url} the in-process Monoova sandbox is used (with a fresh API key and webhook
 * token), and outside the {@code aws} profile SQS is ElasticMQ in this JVM. Ports are chosen here so
 * that routes can use plain {@code {{monoova.base-url}}} placeholders.
 */
public class EmbeddedDefaultsPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "payoutsEmbeddedDefaults";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        if (!StringUtils.hasText(env.getProperty("monoova.base-url"))) {
            int port = env.getProperty("monoova.sandbox.port", Integer.class, 0);
            if (port == 0) {
                port = freePort();
            }
            defaults.put("monoova.sandbox.enabled", "true");
            defaults.put("monoova.sandbox.port", String.valueOf(port));
            defaults.put("monoova.base-url", "http://localhost:" + port);
            if (!StringUtils.hasText(env.getProperty("monoova.api-key"))) {
                defaults.put("monoova.api-key", "sandbox-" + randomHex(16));
            }
            // Against a real Monoova the token must be configured: every instance has to share it.
            if (!StringUtils.hasText(env.getProperty("monoova.webhook-token"))) {
                defaults.put("monoova.webhook-token", "Bearer " + randomHex(24));
            }
        }
        boolean aws = Arrays.asList(env.getActiveProfiles()).contains("aws");
        if (!aws && !StringUtils.hasText(env.getProperty("payouts.sqs.endpoint"))) {
            int port = env.getProperty("payouts.sqs.embedded-port", Integer.class, 0);
            if (port == 0) {
                port = freePort();
            }
            defaults.put("payouts.sqs.embedded", "true");
            defaults.put("payouts.sqs.embedded-port", String.valueOf(port));
            defaults.put("payouts.sqs.endpoint", "http://localhost:" + port);
        }
        if (!defaults.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, defaults));
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
