package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Start, port binding and clean shutdown of the sandbox itself. */
class SandboxLifecycleTest {

    @Test
    void closeStopsServingAndIsIdempotent() {
        MonoovaSandbox sandbox = TestSandboxes.start();
        SandboxClient client = new SandboxClient(sandbox);
        assertThat(client.get("/public/v1/ping").httpStatus()).isEqualTo(200);

        sandbox.close();
        sandbox.close();

        assertThatThrownBy(() -> client.get("/public/v1/ping")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void closeDoesNotWaitForPendingTimersOrSlowResponses() throws Exception {
        MonoovaSandbox sandbox = MonoovaSandbox.start(TestSandboxes.fast()
                .nppCompletionDelay(Duration.ofMinutes(10))
                .slowResponseDelay(Duration.ofMinutes(10))
                .build());
        SandboxClient client = new SandboxClient(sandbox);
        client.execute(Requests.nppBankAccount(Requests.reference(), "1.00"));
        String slowReference = Requests.reference();
        Thread slowCall = new Thread(() -> {
            try {
                client.postRaw("/financial/v2/transaction/execute",
                        SandboxClient.toJson(Requests.withTrigger(Requests.nppBankAccount(slowReference, "1.00"), "SBX-TIMEOUT")),
                        Duration.ofMinutes(1));
            } catch (Exception expected) {
                // the sandbox drops the held-back response when it closes
            }
        });
        slowCall.start();
        // The response is now parked in the sandbox for ten minutes
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.transaction(slowReference).isPresent());

        long started = System.nanoTime();
        sandbox.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        slowCall.join(5000);
        assertThat(slowCall.isAlive()).as("client released by the dropped connection").isFalse();
    }

    @Test
    void twoSandboxesRunSideBySideOnFreePorts() {
        try (MonoovaSandbox first = TestSandboxes.start(); MonoovaSandbox second = TestSandboxes.start()) {
            assertThat(first.port()).isPositive().isNotEqualTo(second.port());
            assertThat(first.baseUri().toString()).isEqualTo("http://localhost:" + first.port());
            // One in-memory key per JVM (key generation is slow); both serve it
            assertThat(first.publicKeyHex()).isEqualTo(second.publicKeyHex());
        }
    }

    @Test
    void aTakenPortFailsFast() {
        try (MonoovaSandbox first = TestSandboxes.start()) {
            assertThatThrownBy(() -> MonoovaSandbox.start(TestSandboxes.fast().port(first.port()).build()))
                    .isInstanceOf(UncheckedIOException.class);
        }
    }
}
