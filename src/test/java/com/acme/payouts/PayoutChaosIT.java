package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.sandbox.MonoovaSandbox;
import com.acme.payouts.sandbox.SandboxConfig;
import com.acme.payouts.sandbox.SandboxFaults;
import com.acme.payouts.sandbox.SandboxTransaction;
import com.acme.payouts.sandbox.WebhookDelivery;
import com.acme.payouts.support.AppProcess;
import com.acme.payouts.support.PayoutsClient;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seeded fault test with a hard kill. A Monoova sandbox in this JVM injects every execute fault
 * (500 before and after commit, timeout and reset after commit) and every webhook fault (drop,
 * duplicate, delay) from a fixed seed; the application runs as a child JVM against it and is killed
 * with SIGKILL while payouts are being submitted and executed, then started again on the same data
 * directory and port. A client that lost a response resends it with the same Idempotency-Key, as a
 * real client does. Nothing else helps the application: the sweeper and the state machine have to
 * finish every payout, and money must move at most once per payout.
 *
 * <p>Knobs (system properties): {@code payouts.chaos.seed}, {@code payouts.chaos.rate},
 * {@code payouts.chaos.count}, {@code payouts.chaos.kill-at} (fraction of payouts accepted before the kill).
 */
class PayoutChaosIT {

    private static final long SEED = Long.getLong("payouts.chaos.seed", 20251126L);
    private static final double RATE = Double.parseDouble(System.getProperty("payouts.chaos.rate", "0.2"));
    private static final int COUNT = Integer.getInteger("payouts.chaos.count", 240);
    private static final double KILL_AT = Double.parseDouble(System.getProperty("payouts.chaos.kill-at", "0.4"));
    private static final int CLIENT_THREADS = 4;
    private static final BigDecimal OPENING_BALANCE = new BigDecimal("1000000.00");

    /** Start-up of a Spring Boot JVM on 2 shared cores. */
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);
    /**
     * After the last request, every payout must settle within this. The slowest legitimate path is a
     * few sweeper rounds (stale after 3 s, exponential back-off from 3 s) for a payout whose execute
     * failed more than once; a payout that has not settled by then is lost, not slow.
     */
    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(60);

    private static final Set<String> OPEN = Set.of("RECEIVED", "SUBMITTING", "SUBMITTED", "UNKNOWN");

    /**
     * ERROR lines the application may log in this test, each with the reason it is expected. Anything
     * else fails the test.
     */
    private static final Map<String, String> EXPLAINED_ERRORS = Map.of();

    private static Path runDir;
    private static SandboxFaults faults;
    private static MonoovaSandbox sandbox;
    private static AppProcess app;

    /** One payout request as a client sends it, every time with the same key and the same bytes. */
    record Req(int n, String key, String body, BigDecimal amount, String method, String reference) {}

    @BeforeAll
    static void start() throws IOException {
        runDir = AppProcess.buildDir().resolve("chaos")
                .resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(java.time.LocalDateTime.now())
                        + "-seed" + SEED);
        Files.createDirectories(runDir);
        faults = SandboxFaults.record();
        sandbox = MonoovaSandbox.start(SandboxConfig.builder()
                .openingBalance(OPENING_BALANCE)
                .nppCompletionDelay(Duration.ofMillis(200))
                .deCompletionDelay(Duration.ofMillis(500))
                .webhookRetryPause(Duration.ofSeconds(1))
                .webhookDelay(Duration.ofMillis(1500))
                .webhookTimeout(Duration.ofSeconds(2))
                .slowResponseDelay(Duration.ofSeconds(3))
                .faultSeed(SEED)
                .faultRate(RATE)
                .build());
        System.out.printf("[chaos] seed %d, fault rate %.2f, %d payouts, kill after %.0f%% accepted; sandbox %s; run dir %s%n",
                SEED, RATE, COUNT, KILL_AT * 100, sandbox.baseUri(), runDir);
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        app = AppProcess.builder(runDir.resolve("data"), runDir)
                .env("MONOOVA_BASE_URL", sandbox.baseUri().toString())
                .env("MONOOVA_API_KEY", sandbox.apiKey())
                .env("MONOOVA_WEBHOOK_TOKEN", "Bearer " + HexFormat.of().formatHex(token))
                // Shorter than the sandbox's slow response, so "timeout after commit" is a timeout here.
                .env("MONOOVA_RESPONSE_TIMEOUT_MS", "1500")
                .jvmArg("-Xmx512m")
                .jvmArg("-XX:+UseSerialGC")
                // C1 only: starts in about half the time on two busy cores; this test is about correctness.
                .jvmArg("-XX:TieredStopAtLevel=1")
                .appArg("--spring.profiles.active=test")
                .build();
    }

    @AfterAll
    static void stop() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            try {
                if (sandbox != null) {
                    sandbox.close();
                }
            } finally {
                if (faults != null) {
                    faults.close();
                }
            }
        }
    }

    @Test
    void every_payout_settles_with_money_moved_at_most_once_across_a_sigkill() throws Exception {
        Instant t0 = Instant.now();
        app.start().awaitHealthy(HEALTHY_WITHIN);
        Instant up = Instant.now();
        PayoutsClient api = new PayoutsClient(app.baseUrl());

        // ---- payees: bank accounts (two fit Direct Entry) and PayIDs ----
        String bankDe = api.createBankPayee("c-chaos-1", "Jane Citizen", "062-000", "12345678").id();
        String bankDe2 = api.createBankPayee("c-chaos-2", "Oliver Smith", "033-000", "987654321").id();
        String bankNpp = api.createBankPayee("c-chaos-3", "Mia Nguyen-Long Account Name Pty", "082-001", "1234567890123").id();
        String email = api.createPayIdPayee("c-chaos-4", "Ava Brown", "Email", "ava.brown@example.com").id();
        String phone = api.createPayIdPayee("c-chaos-5", "Noah Wilson", "PhoneNumber", "0412345678").id();
        List<String> nppPayees = List.of(bankDe, bankDe2, bankNpp, email, phone);
        List<String> dePayees = List.of(bankDe, bankDe2);

        List<Req> requests = requests(nppPayees, dePayees);
        Map<String, Req> byKey = requests.stream().collect(Collectors.toMap(Req::key, Function.identity()));

        // ---- submit concurrently; SIGKILL part-way; resend what was lost; submit the rest ----
        Map<String, String> acceptedIds = new ConcurrentHashMap<>(); // key -> payout id from a 202
        Map<String, Instant> submittedAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Req> lostWhileDown = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        int killAt = (int) Math.round(COUNT * KILL_AT);
        CountDownLatch killed = new CountDownLatch(1);
        CountDownLatch backUp = new CountDownLatch(1);
        Object gate = new Object();
        boolean[] down = {false};

        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < CLIENT_THREADS; t++) {
            workers.add(clients.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    synchronized (gate) {
                        while (down[0]) {
                            gate.wait();
                        }
                    }
                    Req r = requests.get(i);
                    submittedAt.putIfAbsent(r.key(), Instant.now());
                    try {
                        Reply reply = send(api, r);
                        if (reply.status() == 202) {
                            acceptedIds.put(r.key(), reply.id());
                            if (accepted.incrementAndGet() == killAt) {
                                killed.countDown();
                            }
                        } else {
                            problems.add("request " + r.n() + " got HTTP " + reply.status() + ": " + reply.raw());
                        }
                    } catch (UncheckedIOException appDown) {
                        // No answer: it may or may not have been stored. Resend it, same key, same body.
                        lostWhileDown.add(r);
                    } catch (Throwable e) {
                        problems.add("request " + r.n() + ": " + e);
                    }
                }
                return null;
            }));
        }

        assertThat(killed.await(120, TimeUnit.SECONDS)).as("%d payouts accepted before the kill", killAt).isTrue();
        synchronized (gate) {
            down[0] = true;
        }
        int txBeforeKill = sandbox.transactions().size();
        long pendingBeforeKill = sandbox.transactions().stream()
                .filter(t -> t.status() == SandboxTransaction.Status.PENDING)
                .count();
        Instant killTime = Instant.now();
        app.kill();
        System.out.printf("[chaos] SIGKILL after %d accepted; sandbox had %d transactions (%d pending)%n",
                accepted.get(), txBeforeKill, pendingBeforeKill);

        app.restart().awaitHealthy(HEALTHY_WITHIN);
        Instant restarted = Instant.now();
        // Let the client threads' in-flight requests finish failing before counting what was lost.
        Thread.sleep(200);
        List<Req> resent = new ArrayList<>(lostWhileDown);
        lostWhileDown.clear();
        synchronized (gate) {
            down[0] = false;
            gate.notifyAll();
        }
        System.out.printf("[chaos] restarted in %d ms; resending %d requests that got no answer%n",
                Duration.between(killTime, restarted).toMillis(), resent.size());
        for (Req r : resent) {
            Reply reply = send(api, r);
            if (reply.status() == 202) {
                acceptedIds.put(r.key(), reply.id());
            } else {
                problems.add("resent request " + r.n() + " got HTTP " + reply.status() + ": " + reply.raw());
            }
        }
        for (Future<?> w : workers) {
            w.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        // A request that failed after the restart is not "lost while down": it is a failure.
        for (Req r : lostWhileDown) {
            problems.add("request " + r.n() + " got no answer from the restarted application");
        }
        Instant allSubmitted = Instant.now();
        assertThat(problems).as("requests refused or failing while the application was up").isEmpty();
        assertThat(acceptedIds).as("every request was accepted in the end").hasSize(COUNT);

        // ---- every payout settles ----
        Map<String, JsonNode> payouts = awaitAllSettled(api, acceptedIds.values());
        Instant settled = Instant.now();

        // every request has exactly one payout, and it is the one its 202 named
        assertThat(payouts).as("payouts stored").hasSize(COUNT);
        for (Req r : requests) {
            String id = acceptedIds.get(r.key());
            JsonNode p = payouts.get(id);
            assertThat(p).as("payout of request %d", r.n()).isNotNull();
            assertThat(new BigDecimal(p.path("amount").asText())).as("amount of %s", id).isEqualByComparingTo(r.amount());
            assertThat(p.path("method").asText()).isEqualTo(r.method());
            assertThat(p.path("status").asText()).as("status of %s", id).isIn("COMPLETED", "FAILED");
        }
        assertThat(Set.copyOf(acceptedIds.values())).as("one payout per Idempotency-Key").hasSize(COUNT);

        // ---- money moved at most once per uniqueReference ----
        List<SandboxTransaction> transactions = sandbox.transactions();
        Map<String, List<SandboxTransaction>> byReference = transactions.stream()
                .collect(Collectors.groupingBy(t -> String.valueOf(t.uniqueReference())));
        Map<String, JsonNode> byMonoovaReference = payouts.values().stream()
                .collect(Collectors.toMap(p -> p.path("monoovaReference").asText(), p -> p));
        assertThat(byMonoovaReference.keySet()).as("transactions with a reference none of our payouts has")
                .containsAll(byReference.keySet());
        BigDecimal completedSum = BigDecimal.ZERO;
        int failedWithRejection = 0;
        int failedWithoutTransaction = 0;
        int completedWithoutTransactionId = 0;
        for (JsonNode p : payouts.values()) {
            String id = p.path("id").asText();
            String reference = p.path("monoovaReference").asText();
            List<SandboxTransaction> txs = byReference.getOrDefault(reference, List.of());
            assertThat(txs).as("money-moving transactions of %s", id).hasSizeLessThanOrEqualTo(1);
            BigDecimal amount = new BigDecimal(p.path("amount").asText());
            if ("COMPLETED".equals(p.path("status").asText())) {
                assertThat(txs).as("COMPLETED %s has exactly one transaction", id).hasSize(1);
                SandboxTransaction tx = txs.get(0);
                assertThat(tx.status()).as("sandbox status of COMPLETED %s", id).isEqualTo(SandboxTransaction.Status.COMPLETE);
                assertThat(tx.moneyMoved()).isTrue();
                assertThat(tx.returned()).isFalse();
                assertThat(tx.amount()).isEqualByComparingTo(amount);
                // Monoova's status answer carries no transaction id: a payout settled by a status lookup
                // after its execute answer and its webhook were both lost has none. If it has one, it is right.
                if (p.hasNonNull("monoovaTransactionId")) {
                    assertThat(p.path("monoovaTransactionId").asLong()).as("transaction id of %s", id).isEqualTo(tx.transactionId());
                } else {
                    completedWithoutTransactionId++;
                }
                completedSum = completedSum.add(amount);
            } else {
                if (txs.isEmpty()) {
                    failedWithoutTransaction++;
                } else {
                    SandboxTransaction tx = txs.get(0);
                    assertThat(tx.status()).as("sandbox status of FAILED %s", id).isEqualTo(SandboxTransaction.Status.REJECTED);
                    assertThat(tx.moneyMoved()).as("FAILED %s: money credited back", id).isFalse();
                    failedWithRejection++;
                }
            }
        }
        // only the SBX-REJECT payouts may fail: nothing else here is refused or rejected
        for (Req r : requests) {
            JsonNode p = payouts.get(acceptedIds.get(r.key()));
            boolean rejectScenario = r.reference() != null && r.reference().contains("SBX-REJECT");
            assertThat(p.path("status").asText()).as("payout of request %d (%s)", r.n(), r.reference())
                    .isEqualTo(rejectScenario ? "FAILED" : "COMPLETED");
        }

        // ---- the balance moved by exactly the completed payouts ----
        BigDecimal moved = OPENING_BALANCE.subtract(sandbox.availableToDebit());
        assertThat(sandbox.totalDebited()).as("sandbox totalDebited").isEqualByComparingTo(completedSum);
        assertThat(moved).as("opening balance minus availableToDebit").isEqualByComparingTo(completedSum);

        // ---- replaying every request returns the original payout and calls Monoova no more ----
        Map<String, Integer> callsBefore = executeCalls(payouts.values());
        Map<String, String> statusBefore = statuses(payouts.values());
        ExecutorService replayers = Executors.newFixedThreadPool(CLIENT_THREADS);
        List<Future<String>> replays = new ArrayList<>();
        for (Req r : requests) {
            replays.add(replayers.submit(() -> {
                Reply reply = send(api, r);
                if (reply.status() != 202) {
                    return "replay of " + r.n() + " got HTTP " + reply.status() + ": " + reply.raw();
                }
                if (!"true".equals(reply.header("Idempotent-Replayed"))) {
                    return "replay of " + r.n() + " not marked Idempotent-Replayed";
                }
                if (!reply.id().equals(acceptedIds.get(r.key()))) {
                    return "replay of " + r.n() + " answered " + reply.id() + ", not " + acceptedIds.get(r.key());
                }
                return null;
            }));
        }
        List<String> replayProblems = new ArrayList<>();
        for (Future<String> f : replays) {
            String problem = f.get(60, TimeUnit.SECONDS);
            if (problem != null) {
                replayProblems.add(problem);
            }
        }
        replayers.shutdown();
        assertThat(replayProblems).isEmpty();
        // several sweeper periods: anything a replay had enqueued would have been executed by now
        Thread.sleep(3000);
        assertThat(executeCalls(payouts.values())).as("execute calls after replaying every request").isEqualTo(callsBefore);
        assertThat(statuses(fetchAll(api))).as("statuses after the replays").isEqualTo(statusBefore);

        // ---- the application logged no ERROR it should not have ----
        List<String> errors = errorLines(app.logs());
        List<String> unexplained = errors.stream()
                .filter(line -> EXPLAINED_ERRORS.keySet().stream().noneMatch(line::contains))
                .toList();
        errors.forEach(line -> System.out.println("[chaos] app ERROR: " + line));

        // ---- summary ----
        summary(requests, payouts, acceptedIds, submittedAt, resent, killTime, transactions, callsBefore,
                failedWithRejection, failedWithoutTransaction, completedWithoutTransactionId, completedSum,
                Map.of("start", Duration.between(t0, up), "until kill", Duration.between(up, killTime),
                        "restart", Duration.between(killTime, restarted), "submit rest", Duration.between(restarted, allSubmitted),
                        "settle", Duration.between(allSubmitted, settled), "total", Duration.between(t0, Instant.now())));

        assertThat(unexplained).as("unexplained ERROR lines in %s", app.logs()).isEmpty();
        Map<String, Integer> executeFaults = faults.executeFaults();
        assertThat(executeFaults.keySet()).as("execute fault kinds the seed produced (choose another seed if one is missing)")
                .contains("FAIL_BEFORE_COMMIT", "FAIL_AFTER_COMMIT", "TIMEOUT_AFTER_COMMIT", "RESET_AFTER_COMMIT");
        assertThat(webhookFaultsDrawn(payouts.values(), callsBefore).keySet()).as("final-webhook fault kinds the seed produced")
                .contains("DROP", "DUPLICATE", "DELAY");
        assertThat(inFlightAtKill(payouts.values(), killTime)).as("payouts the kill caught in flight").isPositive();
    }

    // ------------------------------------------------------------------------------------------

    private static List<Req> requests(List<String> nppPayees, List<String> dePayees) {
        Random random = new Random(SEED);
        List<Req> out = new ArrayList<>();
        for (int n = 0; n < COUNT; n++) {
            boolean de = n % 15 == 7;
            boolean reject = !de && n % 20 == 3;
            String payee = de ? dePayees.get(n % dePayees.size()) : nppPayees.get(n % nppPayees.size());
            // 0.01 .. 2000.00, two places, as BigDecimal all the way
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(200_000), 2);
            String reference = de ? "INV " + n : reject ? "Payout " + n + " SBX-REJECT" : n % 3 == 0 ? null : "Invoice " + n;
            // Keys (so payout ids and Monoova references) depend only on the seed: the sandbox draws
            // faults from (seed, reference, attempt), so the same seed injects the same faults again.
            String key = "chaos-" + SEED + "-" + n;
            String method = de ? "DE" : "NPP";
            String body = reference == null
                    ? String.format("{\"payeeId\":\"%s\",\"amount\":\"%s\",\"currency\":\"AUD\",\"method\":\"%s\"}",
                            payee, amount.toPlainString(), method)
                    : String.format("{\"payeeId\":\"%s\",\"amount\":\"%s\",\"currency\":\"AUD\",\"method\":\"%s\",\"reference\":\"%s\"}",
                            payee, amount.toPlainString(), method, reference);
            out.add(new Req(n, key, body, amount, method, reference));
        }
        return out;
    }

    private static Reply send(PayoutsClient api, Req r) {
        return api.post("/v1/payouts", r.body(), Map.of("Idempotency-Key", r.key()));
    }

    /** Polls until no payout is open any more; fails with the open ones and their histories if that takes too long. */
    private static Map<String, JsonNode> awaitAllSettled(PayoutsClient api, java.util.Collection<String> ids) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE_WITHIN);
        Map<String, JsonNode> all;
        while (true) {
            all = fetchAll(api);
            List<JsonNode> open = all.values().stream().filter(p -> OPEN.contains(p.path("status").asText())).toList();
            if (open.isEmpty() && all.keySet().containsAll(ids)) {
                return all;
            }
            if (Instant.now().isAfter(deadline)) {
                StringBuilder why = new StringBuilder();
                for (JsonNode p : open) {
                    String ref = p.path("monoovaReference").asText();
                    why.append('\n').append(p.path("id").asText()).append(' ').append(p.path("status").asText())
                            .append(" executeCalls=").append(sandbox.executeCalls(ref))
                            .append(" sandbox=").append(sandbox.transaction(ref).map(t -> t.status().name()).orElse("none"));
                    for (JsonNode h : p.path("history")) {
                        why.append("\n    ").append(h.path("at").asText()).append(' ').append(h.path("to").asText())
                                .append(" (").append(h.path("event").asText()).append(") ").append(h.path("detail").asText());
                    }
                }
                Map<String, JsonNode> seen = all;
                throw new AssertionError(open.size() + " payouts still open " + SETTLE_WITHIN + " after the last request"
                        + " (missing: " + ids.stream().filter(id -> !seen.containsKey(id)).count() + "):" + why);
            }
            Thread.sleep(500);
        }
    }

    /** Every payout, through the list endpoint (100 a page). */
    private static Map<String, JsonNode> fetchAll(PayoutsClient api) {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        String cursor = null;
        do {
            Reply page = api.get("/v1/payouts?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            for (JsonNode p : page.body().path("items")) {
                assertThat(all.put(p.path("id").asText(), p)).as("payout listed twice: %s", p.path("id")).isNull();
            }
            cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    private static Map<String, Integer> executeCalls(java.util.Collection<JsonNode> payouts) {
        Map<String, Integer> calls = new TreeMap<>();
        for (JsonNode p : payouts) {
            String ref = p.path("monoovaReference").asText();
            calls.put(ref, sandbox.executeCalls(ref));
        }
        return calls;
    }

    private static Map<String, String> statuses(java.util.Collection<JsonNode> payouts) {
        Map<String, String> s = new TreeMap<>();
        payouts.forEach(p -> s.put(p.path("id").asText(), p.path("status").asText()));
        return s;
    }

    private static Map<String, String> statuses(Map<String, JsonNode> payouts) {
        return statuses(payouts.values());
    }

    /**
     * The final-webhook faults of the committed NPP payouts, replayed from the seeded draw of the call
     * that committed each (the first whose draw is not "500 before commit"). Drops and duplicates can
     * be checked against the sandbox's log and deliveries; a delay leaves no other trace.
     */
    private static Map<String, Integer> webhookFaultsDrawn(java.util.Collection<JsonNode> payouts, Map<String, Integer> executeCalls) {
        Map<String, Integer> drawn = new TreeMap<>();
        for (JsonNode p : payouts) {
            String ref = p.path("monoovaReference").asText();
            if (!"NPP".equals(p.path("method").asText()) || sandbox.transaction(ref).isEmpty()) {
                continue;
            }
            int calls = executeCalls.getOrDefault(ref, 0);
            for (int attempt = 1; attempt <= calls; attempt++) {
                if (SandboxFaults.commitsOnDraw(SEED, RATE, ref, attempt)) {
                    drawn.merge(SandboxFaults.webhookFaultDraw(SEED, RATE, ref, attempt), 1, Integer::sum);
                    break;
                }
            }
        }
        drawn.remove("NONE");
        return drawn;
    }

    /** Payouts created before the kill that settled after it. */
    private static long inFlightAtKill(java.util.Collection<JsonNode> payouts, Instant killTime) {
        return payouts.stream()
                .filter(p -> Instant.parse(p.path("createdAt").asText()).isBefore(killTime))
                .filter(p -> Instant.parse(p.path("updatedAt").asText()).isAfter(killTime))
                .count();
    }

    private static List<String> errorLines(List<Path> logs) throws IOException {
        List<String> errors = new ArrayList<>();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains(" ERROR ") || line.startsWith("ERROR")) {
                    errors.add(log.getFileName() + ": " + line);
                }
            }
        }
        return errors;
    }

    private static void summary(
            List<Req> requests,
            Map<String, JsonNode> payouts,
            Map<String, String> acceptedIds,
            Map<String, Instant> submittedAt,
            List<Req> resent,
            Instant killTime,
            List<SandboxTransaction> transactions,
            Map<String, Integer> executeCalls,
            int failedWithRejection,
            int failedWithoutTransaction,
            int completedWithoutTransactionId,
            BigDecimal completedSum,
            Map<String, Duration> phases) {
        Map<String, Long> byStatus = payouts.values().stream()
                .collect(Collectors.groupingBy(p -> p.path("status").asText(), TreeMap::new, Collectors.counting()));
        Map<String, Long> byEvent = new TreeMap<>();
        int sweeperResolved = 0;
        int resubmitted = 0;
        for (JsonNode p : payouts.values()) {
            Set<String> events = new java.util.HashSet<>();
            for (JsonNode h : p.path("history")) {
                if (h.hasNonNull("event")) {
                    events.add(h.path("event").asText());
                }
            }
            events.forEach(e -> byEvent.merge(e, 1L, Long::sum));
            boolean lookedUp = false;
            for (JsonNode h : p.path("history")) {
                lookedUp |= h.path("detail").asText().startsWith("status lookup");
            }
            sweeperResolved += lookedUp ? 1 : 0;
            resubmitted += p.path("submitAttempts").asInt() > 1 ? 1 : 0;
        }
        int totalCalls = executeCalls.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Integer> webhookFaults = webhookFaultsDrawn(payouts.values(), executeCalls);
        List<WebhookDelivery> deliveries = sandbox.deliveries();
        long failedDeliveries = deliveries.stream().filter(d -> !d.delivered()).count();
        Map<Long, Long> firstAttempts = deliveries.stream().filter(d -> d.attempt() == 1)
                .collect(Collectors.groupingBy(WebhookDelivery::webhookId, Collectors.counting()));
        long duplicatesSeen = firstAttempts.values().stream().filter(n -> n > 1).count();
        System.out.println("================ PayoutChaosIT summary ================");
        System.out.printf("seed %d, fault rate %.2f, %d payouts (%d DE, %d SBX-REJECT), %d client threads%n", SEED, RATE,
                requests.size(), requests.stream().filter(r -> r.method().equals("DE")).count(),
                requests.stream().filter(r -> r.reference() != null && r.reference().contains("SBX-REJECT")).count(),
                CLIENT_THREADS);
        System.out.printf("requests resent after the kill (no answer): %d; in flight at the kill (created before, settled after): %d%n",
                resent.size(), inFlightAtKill(payouts.values(), killTime));
        System.out.printf("payouts by status: %s%n", byStatus);
        System.out.printf("FAILED: %d rejected with money credited back, %d never moved money%n", failedWithRejection,
                failedWithoutTransaction);
        System.out.printf("COMPLETED without a Monoova transaction id (settled by status lookup only): %d%n",
                completedWithoutTransactionId);
        System.out.printf("payouts that went through: %s%n", byEvent);
        System.out.printf("settled through a status lookup: %d; submitted more than once: %d%n", sweeperResolved, resubmitted);
        System.out.printf("execute faults injected (sandbox log): %s%n", faults.executeFaults());
        System.out.printf("final-webhook faults drawn for committed NPP payouts: %s; sandbox log: %d dropped; deliveries: %d duplicated, %d failed attempts of %d%n",
                webhookFaults, faults.webhookDrops(), duplicatesSeen, failedDeliveries, deliveries.size());
        System.out.printf("executeCalls total %d for %d payouts (%d sandbox transactions)%n", totalCalls, payouts.size(),
                transactions.size());
        System.out.printf("sum of COMPLETED amounts %s = totalDebited %s = opening - availableToDebit %s%n",
                completedSum.toPlainString(), sandbox.totalDebited().toPlainString(),
                OPENING_BALANCE.subtract(sandbox.availableToDebit()).toPlainString());
        Map<String, Long> phaseMs = new LinkedHashMap<>();
        for (String k : List.of("start", "until kill", "restart", "submit rest", "settle", "total")) {
            phaseMs.put(k, phases.get(k).toMillis());
        }
        System.out.printf("time (ms): %s%n", phaseMs);
        System.out.printf("logs: %s%n", app.logs());
        System.out.println("=======================================================");
    }
}
