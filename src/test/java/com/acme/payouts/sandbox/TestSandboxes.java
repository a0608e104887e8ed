package com.acme.payouts.sandbox;

import java.time.Duration;

/** Sandbox configurations with millisecond delays so the lifecycle tests stay fast. */
final class TestSandboxes {

    static final Duration NPP_COMPLETION = Duration.ofMillis(150);
    // Far from the NPP delay, so "still Pending after the NPP delay" holds on a loaded machine too.
    static final Duration DE_COMPLETION = Duration.ofMillis(2000);
    static final Duration RETURN_DELAY = Duration.ofMillis(150);
    static final Duration WEBHOOK_DELAY = Duration.ofMillis(600);
    static final Duration RETRY_PAUSE = Duration.ofMillis(400);
    static final Duration SLOW_RESPONSE = Duration.ofMillis(1500);

    private TestSandboxes() {}

    static SandboxConfig.Builder fast() {
        return SandboxConfig.builder()
                .nppCompletionDelay(NPP_COMPLETION)
                .deCompletionDelay(DE_COMPLETION)
                .returnDelay(RETURN_DELAY)
                .webhookDelay(WEBHOOK_DELAY)
                .webhookRetryPause(RETRY_PAUSE)
                .webhookTimeout(Duration.ofSeconds(2))
                .slowResponseDelay(SLOW_RESPONSE);
    }

    static MonoovaSandbox start() {
        return MonoovaSandbox.start(fast().build());
    }
}
