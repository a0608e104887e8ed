package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.support.AppProcess;
import com.acme.payouts.support.TestCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput of our pipeline: REST intake, submission queue, Monoova execute, webhook queue, state
 * machine, on the embedded default (in-process sandbox, ElasticMQ, H2) in a child JVM. Not part of
 * the normal suite: {@code ./mvnw -B verify -Pperf -Dpayouts.perf.count=1000}. See docs/performance.md.
 *
 * <p>The sandbox lives inside the application and answers in microseconds, so this measures what we
 * do per payout, never Monoova. No faults are injected; every payout is NPP (DE has no webhook and
 * would measure the sweeper's period instead).
 *
 * <p>System properties: {@code payouts.perf.count} (1000), {@code payouts.perf.warmup} (100),
 * {@code payouts.perf.clients} (4 client threads), {@code payouts.perf.npp-completion-delay} (200ms),
 * {@code payouts.perf.app-args} (extra {@code --name=value} arguments for the application, e.g.
 * {@code --payouts.consumers.payout-submissions=16}), {@code payouts.perf.jvm-args}.
 */
@Tag("perf")
class PayoutThroughputIT {

    private static final int COUNT = Integer.getInteger("payouts.perf.count", 1000);
    private static final int WARMUP = Integer.getInteger("payouts.perf.warmup", 100);
    private static final int CLIENTS = Integer.getInteger("payouts.perf.clients", 4);
    private static final String NPP_DELAY = System.getProperty("payouts.perf.npp-completion-delay", "200ms");
    private static final String APP_ARGS = System.getProperty("payouts.perf.app-args", "");
    private static final String JVM_ARGS = System.getProperty("payouts.perf.jvm-args", "-Xmx1g");
    private static final Duration COMPLETE_WITHIN = Duration.ofSeconds(Long.getLong("payouts.perf.timeout-seconds", 600));
    private static final String API_KEY = "perf-api-key";
    private static final String BEARER = "Bearer " + TestCredentials.BOOTSTRAP_TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AppProcess app;
    private static Path runDir;
    private static int sandboxPort;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Sent(String key, String id, Instant submittedAt, long acceptNanos) {}

    @BeforeAll
    static void start() throws IOException {
        runDir = AppProcess.buildDir().resolve("perf").resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()));
        Files.createDirectories(runDir);
        sandboxPort = AppProcess.freePort();
        AppProcess.Builder b = AppProcess.builder(runDir.resolve("data"), runDir)
                // Embedded default: no MONOOVA_BASE_URL. A fixed sandbox port and key so this test can
                // read the sandbox's ledger through its control API.
                .env("MONOOVA_SANDBOX_PORT", String.valueOf(sandboxPort))
                .env("MONOOVA_API_KEY", API_KEY)
                // A measurement of throughput, not of the per-credential rate limit or the daily limits.
                .env("PAYOUTS_RATE_LIMIT_PER_SECOND", "100000")
                .env("PAYOUTS_RATE_LIMIT_BURST", "100000")
                .env("PAYOUTS_DAILY_LIMIT_PER_CREDENTIAL", "1000000000.00")
                .env("PAYOUTS_DAILY_LIMIT_PER_CUSTOMER", "1000000000.00")
                .appArg("--monoova.sandbox.npp-completion-delay=" + NPP_DELAY);
        for (String arg : JVM_ARGS.trim().split("\\s+")) {
            if (!arg.isBlank()) {
                b.jvmArg(arg);
            }
        }
        for (String arg : APP_ARGS.trim().split("\\s+")) {
            if (!arg.isBlank()) {
                b.appArg(arg);
            }
        }
        app = b.build();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void throughput_of_npp_payouts_on_the_embedded_default() throws Exception {
        app.start().awaitHealthy(Duration.ofSeconds(120));
        List<String> payees = new ArrayList<>();
        payees.add(createPayee("{\"customerId\":\"c-perf-1\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Jane Citizen\",\"bsb\":\"062-000\",\"accountNumber\":\"12345678\"}"));
        payees.add(createPayee("{\"customerId\":\"c-perf-2\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Oliver Smith\",\"bsb\":\"033-000\",\"accountNumber\":\"987654321\"}"));
        payees.add(createPayee("{\"customerId\":\"c-perf-3\",\"type\":\"PAYID\",\"accountName\":\"Ava Brown\",\"payIdType\":\"Email\",\"payId\":\"ava.brown@example.com\"}"));
        payees.add(createPayee("{\"customerId\":\"c-perf-4\",\"type\":\"PAYID\",\"accountName\":\"Noah Wilson\",\"payIdType\":\"PhoneNumber\",\"payId\":\"0412345678\"}"));

        if (WARMUP > 0) {
            Batch warm = submit("warm", WARMUP, payees);
            awaitCompleted(warm, COMPLETE_WITHIN);
            System.out.printf("[perf] warm-up: %d payouts done%n", WARMUP);
        }

        CpuSampler cpu = new CpuSampler(app.baseUrl());
        cpu.start();
        Batch batch = submit("perf", COUNT, payees);
        Instant done = awaitCompleted(batch, COMPLETE_WITHIN);
        cpu.stop();

        // ---- read every measured payout back and take its history apart ----
        Map<String, JsonNode> payouts = fetchAll(batch.ids());
        assertThat(payouts).hasSize(COUNT);
        List<Long> endToEnd = new ArrayList<>();
        List<Long> queueWait = new ArrayList<>();
        List<Long> execute = new ArrayList<>();
        List<Long> toComplete = new ArrayList<>();
        List<Long> accept = new ArrayList<>();
        Instant lastCompleted = Instant.MIN;
        BigDecimal sum = BigDecimal.ZERO;
        for (Sent s : batch.sent()) {
            JsonNode p = payouts.get(s.id());
            assertThat(p.path("status").asText()).as("payout %s", s.id()).isEqualTo("COMPLETED");
            Map<String, Instant> at = new HashMap<>();
            for (JsonNode h : p.path("history")) {
                at.putIfAbsent(h.path("to").asText(), Instant.parse(h.path("at").asText()));
            }
            Instant completed = at.get("COMPLETED");
            lastCompleted = completed.isAfter(lastCompleted) ? completed : lastCompleted;
            endToEnd.add(Duration.between(s.submittedAt(), completed).toMillis());
            queueWait.add(Duration.between(at.get("RECEIVED"), at.get("SUBMITTING")).toMillis());
            execute.add(Duration.between(at.get("SUBMITTING"), at.getOrDefault("SUBMITTED", completed)).toMillis());
            toComplete.add(Duration.between(at.getOrDefault("SUBMITTED", completed), completed).toMillis());
            accept.add(TimeUnit.NANOSECONDS.toMillis(s.acceptNanos()));
            sum = sum.add(new BigDecimal(p.path("amount").asText()));
        }
        JsonNode ledger = get("http://localhost:" + sandboxPort + "/sandbox/v1/ledger", true);

        double acceptSeconds = Duration.between(batch.first(), batch.lastAccepted()).toMillis() / 1000.0;
        double completeSeconds = Duration.between(batch.first(), lastCompleted).toMillis() / 1000.0;
        Map<String, String> settings = appSettings();
        StringBuilder out = new StringBuilder();
        out.append("================ PayoutThroughputIT ================\n");
        out.append(String.format("payouts: %d NPP (after %d warm-up), %d client threads, %d cores, sandbox NPP completion %s%n",
                COUNT, WARMUP, CLIENTS, Runtime.getRuntime().availableProcessors(), NPP_DELAY));
        out.append(String.format("application settings: %s; app args: '%s'; jvm args: '%s'%n", settings, APP_ARGS, JVM_ARGS));
        out.append(String.format("all %d accepted (202) in %.1f s: %.1f payouts/s; POST latency p50 %d ms, p95 %d ms%n",
                COUNT, acceptSeconds, COUNT / acceptSeconds, pct(accept, 50), pct(accept, 95)));
        out.append(String.format("all %d COMPLETED %.1f s after the first request: %.1f payouts/s end to end%n",
                COUNT, completeSeconds, COUNT / completeSeconds));
        out.append(String.format("submit-to-complete latency: p50 %d ms, p95 %d ms, max %d ms%n",
                pct(endToEnd, 50), pct(endToEnd, 95), pct(endToEnd, 100)));
        out.append(String.format("  RECEIVED->SUBMITTING (submission queue wait): p50 %d ms, p95 %d ms%n", pct(queueWait, 50), pct(queueWait, 95)));
        out.append(String.format("  SUBMITTING->SUBMITTED (execute call and record): p50 %d ms, p95 %d ms%n", pct(execute, 50), pct(execute, 95)));
        out.append(String.format("  SUBMITTED->COMPLETED (sandbox delay, webhook, webhook queue): p50 %d ms, p95 %d ms%n", pct(toComplete, 50), pct(toComplete, 95)));
        out.append(String.format("CPU during the measured run: application %s, whole machine %s (of %d cores), test JVM %.0f%% of one core%n",
                cpu.processAverage(), cpu.systemAverage(), Runtime.getRuntime().availableProcessors(), cpu.testJvmCoreShare() * 100));
        out.append(String.format("sandbox ledger: executeCalls %s, totalDebited %s (this run's payouts: %s)%n",
                ledger.path("executeCalls").asText(), ledger.path("totalDebited").asText(), sum.toPlainString()));
        out.append(String.format("polling saw the last one done after %.1f s; app log %s%n",
                Duration.between(batch.first(), done).toMillis() / 1000.0, app.logs()));
        out.append("=====================================================\n");
        System.out.print(out);
        Files.writeString(runDir.resolve("result.txt"), out.toString());
    }

    // ------------------------------------------------------------------------------------------

    record Batch(List<Sent> sent, Instant first, Instant lastAccepted) {
        List<String> ids() {
            return sent.stream().map(Sent::id).toList();
        }
    }

    private Batch submit(String prefix, int count, List<String> payees) throws Exception {
        Random random = new Random(count);
        String run = prefix + "-" + Long.toString(System.currentTimeMillis(), 36);
        List<String[]> requests = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(100_000), 2);
            String body = String.format("{\"payeeId\":\"%s\",\"amount\":\"%s\",\"currency\":\"AUD\",\"method\":\"NPP\",\"reference\":\"Perf %d\"}",
                    payees.get(n % payees.size()), amount.toPlainString(), n);
            requests.add(new String[] {run + "-" + n, body});
        }
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        Instant first = Instant.now();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    String[] r = requests.get(i);
                    HttpRequest post = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/payouts"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", r[0])
                            .header("Authorization", BEARER)
                            .POST(HttpRequest.BodyPublishers.ofString(r[1]))
                            .build();
                    Instant at = Instant.now();
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - t0;
                    if (response.statusCode() != 202) {
                        problems.add("HTTP " + response.statusCode() + ": " + response.body());
                        continue;
                    }
                    sent.add(new Sent(r[0], JSON.readTree(response.body()).path("id").asText(), at, took));
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get(10, TimeUnit.MINUTES);
        }
        Instant lastAccepted = Instant.now();
        pool.shutdown();
        assertThat(problems).isEmpty();
        assertThat(sent).hasSize(count);
        return new Batch(List.copyOf(sent), first, lastAccepted);
    }

    /** Polls the open statuses (one item each) until none is left; returns when it saw that. */
    private Instant awaitCompleted(Batch batch, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            boolean open = false;
            for (String status : List.of("RECEIVED", "SUBMITTING", "SUBMITTED", "UNKNOWN")) {
                if (get(app.baseUrl() + "/v1/payouts?limit=1&status=" + status, false).path("items").size() > 0) {
                    open = true;
                    break;
                }
            }
            if (!open) {
                return Instant.now();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("payouts still open after " + timeout);
    }

    private Map<String, JsonNode> fetchAll(List<String> ids) throws Exception {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        String cursor = null;
        do {
            JsonNode page = get(app.baseUrl() + "/v1/payouts?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), false);
            for (JsonNode p : page.path("items")) {
                all.put(p.path("id").asText(), p);
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        all.keySet().retainAll(ids);
        return all;
    }

    private String createPayee(String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/payees"))
                .header("Content-Type", "application/json")
                .header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static JsonNode get(String url, boolean sandboxAuth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (sandboxAuth) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":").getBytes(StandardCharsets.UTF_8)));
        } else {
            b.header("Authorization", BEARER);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s: %s", url, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The settings that decide throughput, as the running application reports them (defaults if not overridden). */
    private Map<String, String> appSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("payouts.consumers.payout-submissions", argOr("payouts.consumers.payout-submissions", "8"));
        s.put("payouts.consumers.webhooks", argOr("payouts.consumers.webhooks", "4"));
        s.put("payouts.consumers.wait-time-seconds", argOr("payouts.consumers.wait-time-seconds", "5"));
        s.put("spring.datasource.hikari.maximum-pool-size", argOr("spring.datasource.hikari.maximum-pool-size", "20"));
        return s;
    }

    private static String argOr(String name, String fallback) {
        return Arrays.stream(APP_ARGS.trim().split("\\s+"))
                .filter(a -> a.startsWith("--" + name + "="))
                .map(a -> a.substring(name.length() + 3))
                .findFirst()
                .orElse(fallback);
    }

    private static long pct(List<Long> values, int percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** Samples the application's CPU (actuator metrics) once a second, and this JVM's own CPU time. */
    static final class CpuSampler {
        private final String base;
        private final List<Double> process = new ArrayList<>();
        private final List<Double> system = new ArrayList<>();
        private final Map<String, Double> last = new ConcurrentHashMap<>();
        private volatile boolean running;
        private Thread thread;
        private long cpuStart;
        private long wallStart;
        private long cpuTime;
        private long wallTime;

        CpuSampler(String base) {
            this.base = base;
        }

        void start() {
            running = true;
            cpuStart = testJvmCpuNanos();
            wallStart = System.nanoTime();
            thread = new Thread(() -> {
                while (running) {
                    try {
                        double p = get(base + "/actuator/metrics/process.cpu.usage", false).path("measurements").get(0).path("value").asDouble();
                        double s = get(base + "/actuator/metrics/system.cpu.usage", false).path("measurements").get(0).path("value").asDouble();
                        synchronized (this) {
                            process.add(p);
                            system.add(s);
                        }
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        last.put("errors", last.getOrDefault("errors", 0.0) + 1);
                    }
                }
            }, "cpu-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5000);
            cpuTime = testJvmCpuNanos() - cpuStart;
            wallTime = System.nanoTime() - wallStart;
        }

        synchronized String processAverage() {
            return percent(process);
        }

        synchronized String systemAverage() {
            return percent(system);
        }

        double testJvmCoreShare() {
            return wallTime == 0 ? 0 : (double) cpuTime / wallTime;
        }

        private static String percent(List<Double> values) {
            // Micrometer reports usage as a share of all cores: 1.0 is every core busy.
            return String.format("%.0f%%", values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN) * 100);
        }

        private static long testJvmCpuNanos() {
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return sun.getProcessCpuTime();
            }
            return 0;
        }
    }
}
