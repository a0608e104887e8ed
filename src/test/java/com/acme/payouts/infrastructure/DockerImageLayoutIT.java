package com.acme.payouts.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.support.AppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code docker build} would do with the packaged jar, without Docker: the Dockerfile's jar glob
 * matches exactly one jar, {@code -Djarmode=tools extract --layers --launcher} produces every layer
 * the runtime stage copies, and the merged layers start with the image's ENTRYPOINT, JVM options and
 * HEALTHCHECK command. Runs after {@code package} (failsafe), so the jar is the one CI would ship.
 */
class DockerImageLayoutIT {

    @TempDir
    Path work;

    @Test
    void the_packaged_jar_extracts_into_the_copied_layers_and_starts_as_the_image_would() throws Exception {
        Dockerfile dockerfile = Dockerfile.load();
        String build = dockerfile.stages().get(0).stream().filter(i -> i.keyword().equals("RUN"))
                .map(Dockerfile.Instruction::arguments).filter(a -> a.contains("-Djarmode=tools")).findFirst().orElseThrow();
        Matcher glob = Pattern.compile("-jar target/(\\S+\\.jar)").matcher(build);
        assertThat(glob.find()).as("the build stage extracts target/<name>.jar").isTrue();
        Pattern jarName = Pattern.compile(glob.group(1).replace(".", "\\.").replace("*", ".*"));
        List<Path> jars;
        try (Stream<Path> files = Files.list(AppProcess.buildDir())) {
            jars = files.filter(f -> jarName.matcher(f.getFileName().toString()).matches()).toList();
        }
        if (jars.isEmpty()) {
            throw ExternalTool.notRun("the Docker layer check", "no " + glob.group(1) + " in " + AppProcess.buildDir()
                    + " (run it after package: ./mvnw verify)");
        }
        assertThat(jars).as("the Dockerfile's glob %s must match exactly one jar", glob.group(1)).hasSize(1);

        Path extracted = work.resolve("extracted");
        ExternalTool.Result extract = ExternalTool.run(Duration.ofMinutes(2), work, Map.of(), List.of(java(),
                "-Djarmode=tools", "-jar", jars.get(0).toString(), "extract", "--layers", "--launcher",
                "--destination", extracted.toString()));
        assertThat(extract.exitCode()).as(extract.output()).isZero();

        // COPY --from=build /extracted/<layer>/ ./ in the Dockerfile's order, into one WORKDIR
        Path app = work.resolve("app");
        Files.createDirectories(app);
        List<String> layers = new ArrayList<>();
        Pattern copy = Pattern.compile("--from=build /extracted/([^/\\s]+)/ \\./");
        for (Dockerfile.Instruction c : Dockerfile.of(dockerfile.runtime(), "COPY")) {
            Matcher layer = copy.matcher(c.arguments());
            assertThat(layer.find()).as("line %d copies a layer", c.line()).isTrue();
            Path dir = extracted.resolve(layer.group(1));
            assertThat(dir).as("layer %s (COPY on line %d)", layer.group(1), c.line()).isDirectory();
            copyTree(dir, app);
            layers.add(layer.group(1));
        }
        try (Stream<Path> produced = Files.list(extracted)) {
            assertThat(produced.map(p -> p.getFileName().toString()).toList())
                    .as("every layer the jar has is copied into the image").containsExactlyInAnyOrderElementsOf(layers);
        }
        assertThat(app.resolve("org/springframework/boot/loader/launch/JarLauncher.class")).isRegularFile();
        assertThat(app.resolve("BOOT-INF/classes/com/acme/payouts/PayoutsApplication.class")).isRegularFile();
        assertThat(app.resolve("BOOT-INF/classes/camel")).as("routes ship in the jar").isDirectory();

        startLikeTheImage(dockerfile, app);
    }

    /** ENTRYPOINT from WORKDIR with the image's JAVA_TOOL_OPTIONS; the HEALTHCHECK command must pass. */
    private void startLikeTheImage(Dockerfile dockerfile, Path app) throws Exception {
        String entrypoint = Dockerfile.of(dockerfile.runtime(), "ENTRYPOINT").get(0).arguments();
        List<String> command = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]+)\"").matcher(entrypoint);
        while (word.find()) {
            command.add(word.group(1));
        }
        assertThat(command.get(0)).isEqualTo("java");
        command.set(0, java());
        // The container's memory limit bounds MaxRAMPercentage; on a shared build machine a fixed heap does.
        command.addAll(1, List.of("-Xms64m", "-Xmx768m"));
        Matcher options = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]+)\"").matcher(
                Dockerfile.of(dockerfile.runtime(), "ENV").get(0).arguments());
        assertThat(options.find()).isTrue();

        int port = AppProcess.freePort();
        Path log = AppProcess.buildDir().resolve("docker-layout-app.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MONOOVA_") || k.startsWith("PAYOUTS_")
                || k.startsWith("SPRING_") || k.equals("SERVER_PORT") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().put("JAVA_TOOL_OPTIONS", options.group(1));
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        pb.environment().put("PAYOUTS_DATA_DIR", work.resolve("data").toString());
        Process p = pb.start();
        try {
            awaitLive(p, port, log);
            String healthcheck = Dockerfile.of(dockerfile.runtime(), "HEALTHCHECK").get(0).arguments().split(" CMD ", 2)[1]
                    .replace("localhost:8080", "localhost:" + port);
            if (ExternalTool.available("curl", "--version")) {
                ExternalTool.Result check = ExternalTool.run(Duration.ofSeconds(30), work, Map.of(), List.of("sh", "-c", healthcheck));
                System.out.printf("[docker-layout] HEALTHCHECK %s: exit %d %s%n", healthcheck, check.exitCode(), check.output());
                assertThat(check.exitCode()).as("HEALTHCHECK %s", healthcheck).isZero();
            } else {
                System.out.println("[docker-layout] curl is not installed here: the HEALTHCHECK command itself was not run");
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            System.out.printf("[docker-layout] application stopped (exit %d); log %s%n", p.exitValue(), log);
        }
    }

    private static void awaitLive(Process p, int port, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest liveness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant start = Instant.now();
        Instant deadline = start.plus(Duration.ofSeconds(150));
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new AssertionError("the application exited with " + p.exitValue() + " at start; see " + log
                        + "\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(liveness, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    System.out.printf("[docker-layout] live after %d ms%n", Duration.between(start, Instant.now()).toMillis());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not live within 150 s; see " + log);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
