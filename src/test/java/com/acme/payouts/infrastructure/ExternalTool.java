package com.acme.payouts.infrastructure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * Runs the command-line tools the infrastructure checks rely on (cfn-lint, npx, java, curl) with a
 * timeout. A tool that is missing aborts its test with a banner in the build output, never a silent
 * pass: the CI image has all of them.
 */
final class ExternalTool {

    record Result(int exitCode, String output) {}

    private ExternalTool() {}

    /** The project directory: surefire and failsafe run tests there. */
    static Path projectDir() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    /** True if {@code command} starts and exits 0 within 60 s. */
    static boolean available(String... command) {
        try {
            return run(Duration.ofSeconds(60), projectDir(), Map.of(), List.of(command)).exitCode() == 0;
        } catch (UncheckedIOException | IllegalStateException notThere) {
            return false;
        }
    }

    /** Runs {@code command} in {@code dir}, stdout and stderr together; fails if it outlives {@code timeout}. */
    static Result run(Duration timeout, Path dir, Map<String, String> env, List<String> command) {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "tool-output");
        reader.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                reader.join(5000);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                        + "\n" + out.toString(StandardCharsets.UTF_8));
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException(e);
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }

    /** Aborts the calling test, saying loudly what was not checked and why. */
    static TestAbortedException notRun(String what, String why) {
        String banner = "\n" + "!".repeat(100) + "\n!!! " + what + " NOT RUN: " + why + "\n" + "!".repeat(100);
        System.err.println(banner);
        System.out.println(banner);
        return new TestAbortedException(what + " not run: " + why);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended or was killed; what was read so far is kept
        }
    }
}
