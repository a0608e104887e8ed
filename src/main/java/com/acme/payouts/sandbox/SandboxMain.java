package com.acme.payouts.sandbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the sandbox on its own, for manual exploration with curl or for tests of other processes.
 * Settings come from {@code SANDBOX_*} environment variables, overridden by {@code --name=value}
 * arguments (e.g. {@code --port=8089} is {@code SANDBOX_PORT}). See docs/sandbox.md.
 */
public final class SandboxMain {

    /** Standalone runs get a fixed, documented port so curl recipes work; 0 still means "any free port". */
    static final int DEFAULT_PORT = 8089;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    private SandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        SandboxConfig config = configFrom(System.getenv(), args);
        MonoovaSandbox sandbox = MonoovaSandbox.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "monoova-sandbox-shutdown"));
        System.out.println("Monoova sandbox (API v5.29 simulator) listening on " + sandbox.baseUri());
        System.out.println("mAccount " + config.mAccountNumber() + "; Basic auth username = the configured API key");
        new CountDownLatch(1).await();
    }

    /** Builds the configuration from environment variables, then {@code --name=value} arguments. */
    static SandboxConfig configFrom(Map<String, String> environment, String[] args) {
        Map<String, String> settings = new HashMap<>();
        environment.forEach((key, value) -> {
            if (key.startsWith("SANDBOX_")) {
                settings.put(key, value);
            }
        });
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Arguments look like --port=8089, got: " + arg);
            }
            String name = arg.substring(2, arg.indexOf('='));
            String key = "SANDBOX_" + name.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
            settings.put(key, arg.substring(arg.indexOf('=') + 1));
        }

        SandboxConfig.Builder builder = SandboxConfig.builder().port(DEFAULT_PORT);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            apply(builder, setting.getKey(), setting.getValue().trim());
        }
        return builder.build();
    }

    private static void apply(SandboxConfig.Builder builder, String key, String value) {
        switch (key) {
            case "SANDBOX_PORT":
                builder.port(Integer.parseInt(value));
                break;
            case "SANDBOX_BIND_ADDRESS":
                builder.bindAddress(value);
                break;
            case "SANDBOX_API_KEY":
                builder.apiKey(value);
                break;
            case "SANDBOX_MACCOUNT_NUMBER":
                builder.mAccountNumber(value);
                break;
            case "SANDBOX_FEE_ACCOUNT_NUMBER":
                builder.feeAccountNumber(value);
                break;
            case "SANDBOX_OPENING_BALANCE":
                builder.openingBalance(new BigDecimal(value));
                break;
            case "SANDBOX_NPP_PAYOUT_LIMIT":
                builder.nppPayoutLimit(new BigDecimal(value));
                break;
            case "SANDBOX_NPP_COMPLETION_DELAY":
                builder.nppCompletionDelay(duration(key, value));
                break;
            case "SANDBOX_DE_COMPLETION_DELAY":
                builder.deCompletionDelay(duration(key, value));
                break;
            case "SANDBOX_RETURN_DELAY":
                builder.returnDelay(duration(key, value));
                break;
            case "SANDBOX_WEBHOOK_DELAY":
                builder.webhookDelay(duration(key, value));
                break;
            case "SANDBOX_WEBHOOK_RETRY_PAUSE":
                builder.webhookRetryPause(duration(key, value));
                break;
            case "SANDBOX_WEBHOOK_TIMEOUT":
                builder.webhookTimeout(duration(key, value));
                break;
            case "SANDBOX_SLOW_RESPONSE_DELAY":
                builder.slowResponseDelay(duration(key, value));
                break;
            case "SANDBOX_DE_BATCH_DELAY":
                builder.deBatchDelay(duration(key, value));
                break;
            case "SANDBOX_FAULT_SEED":
                builder.faultSeed(Long.parseLong(value));
                break;
            case "SANDBOX_FAULT_RATE":
                builder.faultRate(Double.parseDouble(value));
                break;
            default:
                throw new IllegalArgumentException("Unknown sandbox setting " + key);
        }
    }

    /** {@code 250ms}, {@code 2s}, {@code 1m}, a bare number of milliseconds, or ISO-8601 {@code PT2S}. */
    static Duration duration(String key, String value) {
        if (value.toUpperCase(Locale.ROOT).startsWith("PT")) {
            return Duration.parse(value);
        }
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(key + " must look like 250ms, 2s, 1m or PT2S");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        switch (unit) {
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            default:
                return Duration.ofMillis(amount);
        }
    }
}
