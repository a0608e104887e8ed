package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Seeded random faults over real HTTP: reproducible, and never moving money twice. */
class SeededFaultTest {

    /** Far below the sandbox's held-back response, far above a normal answer even on a busy CI box. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(1000);
    private static final Duration SLOW_RESPONSE = Duration.ofSeconds(4);
    private static final List<String> REFERENCES =
            IntStream.range(0, 30).mapToObj(i -> "seeded-payout-" + i).collect(Collectors.toList());

    /** What the client saw, plus whether the payout was committed. */
    private enum Outcome {
        OK, HTTP_500_NOTHING_COMMITTED, HTTP_500_COMMITTED, TIMEOUT_COMMITTED, RESET_COMMITTED, OTHER
    }

    @Test
    void theSameSeedReproducesTheSameFaultsWhateverTheInterleaving() throws Exception {
        // Each run fires all references at once, so every run interleaves differently
        Map<String, Outcome> first = run(42);
        Map<String, Outcome> second = run(42);
        Map<String, Outcome> otherSeed = run(4242);

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).doesNotContainValue(Outcome.OTHER);
        long faults = first.values().stream().filter(o -> o != Outcome.OK).count();
        assertThat(faults).isBetween(6L, 24L);
    }

    @Test
    void retriesAfterFaultsNeverMoveMoneyTwice() throws Exception {
        try (MonoovaSandbox sandbox = MonoovaSandbox.start(
                TestSandboxes.fast().slowResponseDelay(SLOW_RESPONSE).faultSeed(42).faultRate(0.5).build())) {
            SandboxClient client = new SandboxClient(sandbox);
            for (int attempt = 1; attempt <= 3; attempt++) {
                Concurrently.run(REFERENCES.size(), i -> {
                    try {
                        return client.postRaw("/financial/v2/transaction/execute", body(REFERENCES.get(i)), CLIENT_TIMEOUT);
                    } catch (IOException e) {
                        return null;
                    }
                });
            }

            for (String reference : REFERENCES) {
                assertThat(sandbox.executeCalls(reference)).isEqualTo(3);
                assertThat(sandbox.transactions().stream().filter(t -> reference.equals(t.uniqueReference())).count())
                        .isLessThanOrEqualTo(1);
            }
            BigDecimal moved = sandbox.transactions().stream()
                    .filter(SandboxTransaction::moneyMoved)
                    .map(SandboxTransaction::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sandbox.totalDebited()).isEqualByComparingTo(moved);
            assertThat(sandbox.availableToDebit()).isEqualByComparingTo(sandbox.config().openingBalance().subtract(moved));
            // After three attempts at 50% nearly every reference has been committed exactly once
            assertThat(sandbox.transactions().size()).isGreaterThan(REFERENCES.size() / 2);
            SandboxClient.Reply ledger = client.get("/sandbox/v1/ledger");
            assertThat(ledger.json().get("duplicateExecutes").asInt()).isPositive();
        }
    }

    @Test
    void faultsCanBeSwitchedOffThroughTheControlApi() {
        try (MonoovaSandbox sandbox = MonoovaSandbox.start(TestSandboxes.fast().faultSeed(1).faultRate(1.0).build())) {
            SandboxClient client = new SandboxClient(sandbox);

            SandboxClient.Reply set = client.post("/sandbox/v1/faults", "{\"seed\":1,\"rate\":0}");

            assertThat(set.httpStatus()).isEqualTo(200);
            for (String reference : REFERENCES.subList(0, 5)) {
                assertThat(client.execute(body(reference)).httpStatus()).isEqualTo(200);
            }
            assertThat(client.post("/sandbox/v1/faults", "{\"seed\":1,\"rate\":1.5}").status()).isEqualTo("InvalidRequest");
        }
    }

    private static Map<String, Outcome> run(long seed) throws Exception {
        try (MonoovaSandbox sandbox = MonoovaSandbox.start(TestSandboxes.fast().slowResponseDelay(SLOW_RESPONSE).build())) {
            sandbox.setFaults(seed, 0.5);
            SandboxClient client = new SandboxClient(sandbox);
            Map<String, Outcome> outcomes = new TreeMap<>();
            List<Outcome> results = Concurrently.run(REFERENCES.size(), i -> call(client, sandbox, REFERENCES.get(i)));
            for (int i = 0; i < REFERENCES.size(); i++) {
                outcomes.put(REFERENCES.get(i), results.get(i));
            }
            return outcomes;
        }
    }

    private static Outcome call(SandboxClient client, MonoovaSandbox sandbox, String reference) throws InterruptedException {
        Outcome seen;
        try {
            int status = client.postRaw("/financial/v2/transaction/execute", body(reference), CLIENT_TIMEOUT).httpStatus();
            seen = status == 200 ? Outcome.OK : status == 500 ? Outcome.HTTP_500_NOTHING_COMMITTED : Outcome.OTHER;
        } catch (HttpTimeoutException e) {
            seen = Outcome.TIMEOUT_COMMITTED;
        } catch (IOException e) {
            seen = Outcome.RESET_COMMITTED;
        }
        boolean committed = sandbox.transaction(reference).isPresent();
        if (seen == Outcome.HTTP_500_NOTHING_COMMITTED && committed) {
            return Outcome.HTTP_500_COMMITTED;
        }
        boolean expectCommitted = seen != Outcome.HTTP_500_NOTHING_COMMITTED;
        return committed == expectCommitted ? seen : Outcome.OTHER;
    }

    private static String body(String reference) {
        return SandboxClient.toJson(Requests.nppBankAccount(reference, "10.00"));
    }
}
