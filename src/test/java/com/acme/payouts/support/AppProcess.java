package com.acme.payouts.support;

import com.acme.payouts.PayoutsApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as a separate JVM, the way it runs in production: started from the test JVM's
 * classpath, killed with SIGKILL, started again on the same data directory and port.
 *
 * <p>Each start ("generation") writes its own log file, kept after the test for diagnosis. A JVM
 * shutdown hook kills a child that is still running if the test JVM goes away without
 * {@link #close()}, so no test leaves an application behind.
 */
public final class AppProcess implements AutoCloseable {

    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private final Map<String, String> env;
    private final List<String> jvmArgs;
    private final List<String> appArgs;
    private final List<Path> logs = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Thread reaper = new Thread(this::destroyQuietly, "app-process-reaper");
    private Process process;
    private int generation;

    private AppProcess(Builder b) {
        this.dataDir = b.dataDir;
        this.logDir = b.logDir;
        this.port = b.port;
        this.env = Map.copyOf(b.env);
        this.jvmArgs = List.copyOf(b.jvmArgs);
        this.appArgs = List.copyOf(b.appArgs);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public static Builder builder(Path dataDir, Path logDir) {
        return new Builder(dataDir, logDir);
    }

    /** The build directory ({@code target/}, or whatever {@code -Dbuild.dir} names): the parent of test-classes. */
    public static Path buildDir() {
        try {
            return Path.of(AppProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TCP port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The log file of every generation started so far, oldest first. */
    public List<Path> logs() {
        return List.copyOf(logs);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** Starts a new generation on the same data directory and port; the previous one must be gone. */
    public synchronized AppProcess start() {
        if (isAlive()) {
            throw new IllegalStateException("the application is still running (pid " + process.pid() + ")");
        }
        generation++;
        Path log = logDir.resolve("app-" + generation + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PayoutsApplication.class.getName());
        command.addAll(appArgs);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Nothing from the test JVM's environment may change what the child runs against.
        pb.environment().keySet().removeIf(k -> k.startsWith("MONOOVA_") || k.startsWith("PAYOUTS_")
                || k.startsWith("SANDBOX_") || k.equals("SERVER_PORT") || k.startsWith("SPRING_"));
        // The operator key PayoutsClient sends by default (a test may override it with env(...)).
        pb.environment().put("PAYOUTS_BOOTSTRAP_TOKEN", TestCredentials.BOOTSTRAP_TOKEN);
        pb.environment().putAll(env);
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        pb.environment().put("PAYOUTS_DATA_DIR", dataDir.toString());
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(dataDir);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the application", e);
        }
        logs.add(log);
        System.out.printf("[app] generation %d started: pid %d, port %d, log %s%n", generation, process.pid(), port, log);
        return this;
    }

    /** Waits until {@code /actuator/health} says UP; fails at once (with the log tail) if the process died. */
    public AppProcess awaitHealthy(Duration timeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        while (Instant.now().isBefore(deadline)) {
            Process p;
            synchronized (this) {
                p = process;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the application exited with " + p.exitValue() + " before it was healthy\n"
                        + tail(20));
            }
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    System.out.printf("[app] generation %d healthy after %d ms%n", generation,
                            Duration.between(start, Instant.now()).toMillis());
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException("the application was not healthy within " + timeout + "\n" + tail(20));
    }

    /**
     * SIGKILL (on Linux {@link Process#destroyForcibly()} sends SIGKILL): no shutdown hooks, no graceful
     * shutdown, no flush. Returns once the process is verifiably gone and its port is closed.
     */
    public synchronized void kill() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException("the application is not running");
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pid " + p.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int exit = p.exitValue();
        // 128 + 9: killed by SIGKILL, not an orderly exit.
        if (exit != 137) {
            throw new IllegalStateException("pid " + p.pid() + " exited with " + exit + ", not by SIGKILL (137)");
        }
        if (ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException("pid " + p.pid() + " is still alive after SIGKILL");
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                throw new IllegalStateException("child process " + child.pid() + " outlived the application");
            }
        }
        if (listening()) {
            throw new IllegalStateException("port " + port + " still accepts connections after the kill");
        }
        System.out.printf("[app] generation %d (pid %d) killed with SIGKILL, exit %d%n", generation, p.pid(), exit);
    }

    /** Starts the next generation on the same data directory and port. */
    public AppProcess restart() {
        return start();
    }

    /** Asks for a graceful shutdown (SIGTERM), then kills what is left after 30 s. Safe to call twice. */
    public synchronized void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        System.out.printf("[app] generation %d (pid %d) stopped, exit %s%n", generation, p.pid(),
                p.isAlive() ? "still alive!" : String.valueOf(p.exitValue()));
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run; nothing to remove
        }
    }

    /** The last {@code lines} lines of the current generation's log. */
    public String tail(int lines) {
        if (logs.isEmpty()) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(logs.get(logs.size() - 1), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read log: " + e + ")";
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException other) {
            return false;
        }
    }

    private synchronized void destroyQuietly() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private final Path dataDir;
        private final Path logDir;
        private int port = freePort();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> appArgs = new ArrayList<>();

        private Builder(Path dataDir, Path logDir) {
            this.dataDir = dataDir.toAbsolutePath();
            this.logDir = logDir.toAbsolutePath();
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        public Builder appArg(String arg) {
            appArgs.add(arg);
            return this;
        }

        public AppProcess build() {
            return new AppProcess(this);
        }
    }
}
