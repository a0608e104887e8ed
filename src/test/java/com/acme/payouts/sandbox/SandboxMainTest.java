package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

    @Test
    void defaultsMatchTheDocumentation() {
        SandboxConfig config = SandboxMain.configFrom(Map.of("PATH", "/bin"), new String[0]);

        assertThat(config.port()).isEqualTo(8089);
        assertThat(config.apiKey()).isEqualTo("sandbox-api-key");
        assertThat(config.mAccountNumber()).isEqualTo("6279059700000001");
        assertThat(config.openingBalance()).isEqualByComparingTo("1000000.00");
        assertThat(config.nppCompletionDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.deCompletionDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.returnDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.webhookDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.webhookRetryPause()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.webhookTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.slowResponseDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.faultRate()).isZero();
    }

    @Test
    void argumentsOverrideEnvironmentVariables() {
        SandboxConfig config = SandboxMain.configFrom(
                Map.of("SANDBOX_PORT", "9100", "SANDBOX_API_KEY", "from-env", "SANDBOX_FAULT_RATE", "0.25"),
                new String[] {"--port=9200", "--webhook-retry-pause=500ms", "--npp-completion-delay=PT2S", "--fault-seed=7"});

        assertThat(config.port()).isEqualTo(9200);
        assertThat(config.apiKey()).isEqualTo("from-env");
        assertThat(config.webhookRetryPause()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.nppCompletionDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.faultSeed()).isEqualTo(7);
        assertThat(config.faultRate()).isEqualTo(0.25);
    }

    @Test
    void durationsAcceptUnitsAndBareMilliseconds() {
        assertThat(SandboxMain.duration("k", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(SandboxMain.duration("k", "3s")).isEqualTo(Duration.ofSeconds(3));
        assertThat(SandboxMain.duration("k", "1m")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> SandboxMain.duration("k", "soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownOrMalformedSettingsAreRefused() {
        assertThatThrownBy(() -> SandboxMain.configFrom(Map.of("SANDBOX_COLOUR", "blue"), new String[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxMain.configFrom(Map.of(), new String[] {"port=1"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxMain.configFrom(Map.of(), new String[] {"--maccount-number=123"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configToStringHidesTheApiKey() {
        assertThat(SandboxConfig.builder().apiKey("super-secret-key").build().toString()).doesNotContain("super-secret-key");
    }
}
