package com.acme.payouts.infrastructure;

import static com.acme.payouts.infrastructure.CloudFormationTemplate.list;
import static com.acme.payouts.infrastructure.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile without Docker (which cannot run here): dockerfilelint, and the rules the image and
 * the ECS task definition rely on. {@code DockerImageLayoutIT} checks the build stage's output.
 */
class DockerfileTest {

    private static final String DOCKERFILELINT = "dockerfilelint@1.8.0";
    /** Options of HEALTHCHECK in Docker 17.05 and later. */
    private static final Set<String> HEALTHCHECK_OPTIONS = Set.of("--interval", "--timeout", "--start-period",
            "--start-interval", "--retries");

    private final Dockerfile dockerfile = Dockerfile.load();

    @Test
    void dockerfile_passes_dockerfilelint() throws IOException {
        if (!ExternalTool.available("npx", "--version")) {
            throw ExternalTool.notRun("dockerfilelint of the Dockerfile", "npx (Node.js) is not installed");
        }
        ExternalTool.Result lint = ExternalTool.run(Duration.ofMinutes(5), ExternalTool.projectDir(), Map.of(),
                List.of("npx", "--yes", DOCKERFILELINT, "-j", "Dockerfile"));
        int start = lint.output().indexOf("{\"files\"");
        if (start < 0) {
            throw ExternalTool.notRun("dockerfilelint of the Dockerfile",
                    "npx could not run " + DOCKERFILELINT + " (is the npm registry reachable?):\n" + lint.output());
        }
        JsonNode report = new ObjectMapper().readTree(lint.output().substring(start, lint.output().lastIndexOf('}') + 1));
        List<String> issues = new ArrayList<>();
        for (JsonNode issue : report.path("files").path(0).path("issues")) {
            String text = "line " + issue.path("line").asText() + ": " + issue.path("title").asText() + ": "
                    + issue.path("content").asText();
            if (isStartPeriodFalsePositive(issue)) {
                // dockerfilelint 1.8.0 reads option names with /--\w+/, which stops at the hyphen of
                // --start-period (a HEALTHCHECK option since Docker 17.05): "--start" is then unknown.
                System.out.println("[dockerfilelint] known false positive, ignored: " + text);
                continue;
            }
            issues.add(text);
        }
        System.out.println("[dockerfilelint] " + report.path("totalIssues").asInt() + " issue(s) reported, "
                + issues.size() + " after the known false positive");
        assertThat(issues).as("dockerfilelint").isEmpty();
    }

    @Test
    void both_stages_use_one_pinned_temurin_17_release() {
        List<String> images = dockerfile.all("FROM").stream().map(i -> i.arguments().split("\\s+")[0]).toList();
        assertThat(images).hasSize(2).allSatisfy(image -> assertThat(image)
                .matches("eclipse-temurin:17\\.0\\.\\d+_\\d+-(jdk|jre)-jammy(@sha256:[0-9a-f]{64})?"));
        assertThat(images.stream().map(i -> i.replaceAll("-(jdk|jre)-.*", "")).distinct()).as("one release").hasSize(1);
        assertThat(images.get(0)).contains("-jdk-");
        assertThat(images.get(1)).as("the runtime holds a JRE only").contains("-jre-");
    }

    @Test
    void the_runtime_runs_as_a_fixed_non_root_user_with_a_health_check_its_image_can_run() {
        List<Dockerfile.Instruction> runtime = dockerfile.runtime();
        assertThat(Dockerfile.of(runtime, "USER")).singleElement()
                .satisfies(u -> assertThat(u.arguments()).matches("[1-9][0-9]*:[1-9][0-9]*"));

        String healthcheck = healthcheckCommand();
        assertThat(healthcheck).startsWith("curl ").contains("/actuator/health/liveness");
        assertThat(Dockerfile.of(runtime, "RUN")).as("the runtime stage proves curl is there")
                .anySatisfy(r -> assertThat(r.arguments()).contains("command -v curl"));

        Map<String, Object> container = container();
        assertThat(list(map(container.get("HealthCheck")).get("Command")))
                .as("the ECS task runs the image's own health check (ECS ignores HEALTHCHECK)")
                .containsExactly("CMD-SHELL", healthcheck);
        assertThat(Dockerfile.of(runtime, "HEALTHCHECK").get(0).arguments())
                .as("the same start period as the task definition's health check")
                .contains("--start-period=" + map(container.get("HealthCheck")).get("StartPeriod") + "s");
        assertThat(container.get("User")).isEqualTo(Dockerfile.of(runtime, "USER").get(0).arguments());

        assertThat(Dockerfile.of(runtime, "EXPOSE")).singleElement().satisfies(e -> assertThat(e.arguments()).isEqualTo("8080"));
        assertThat(env(runtime)).containsEntry("SERVER_PORT", "8080");
        assertThat(healthcheck).contains("localhost:8080/");
        assertThat(Dockerfile.of(runtime, "ENTRYPOINT")).singleElement().satisfies(e -> assertThat(e.arguments())
                .isEqualTo("[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]"));
        assertThat(env(runtime).get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void the_volumes_are_the_writable_paths_of_the_read_only_task() {
        Set<String> volumes = Dockerfile.of(dockerfile.runtime(), "VOLUME").stream()
                .flatMap(v -> Arrays.stream(v.arguments().replaceAll("[\\[\\]\"]", "").split("[,\\s]+")))
                .filter(s -> !s.isBlank()).collect(Collectors.toSet());
        Set<String> mounts = list(container().get("MountPoints")).stream()
                .map(m -> (String) map(m).get("ContainerPath")).collect(Collectors.toSet());
        assertThat(volumes).isEqualTo(mounts).contains("/tmp");
    }

    @Test
    void no_secret_is_baked_into_the_image_or_sent_in_the_build_context() throws IOException {
        Pattern secretish = Pattern.compile("(?i).*(password|passwd|secret|token|api_?key|credential|access_?key).*");
        for (String keyword : List.of("ENV", "ARG", "LABEL")) {
            dockerfile.all(keyword).forEach(i -> env(List.of(i)).keySet().forEach(name -> assertThat(name)
                    .as("%s on line %d", keyword, i.line()).doesNotMatch(secretish)));
        }
        dockerfile.all("COPY").forEach(c -> assertThat(c.arguments()).as("line %d", c.line())
                .doesNotContain("data", ".env", ".git"));
        assertThat(dockerfile.all("ADD")).as("COPY only: ADD fetches URLs and unpacks archives").isEmpty();

        List<String> ignore = Files.readAllLines(ExternalTool.projectDir().resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignore.get(0)).as(".dockerignore is an allow-list").isEqualTo("*");
        assertThat(ignore.stream().filter(l -> l.startsWith("!")).map(l -> l.substring(1)))
                .containsExactlyInAnyOrder("mvnw", "pom.xml", ".mvn/", "src/", "routes/", "openapi/");
        assertThat(ignore).contains("src/test/", "**/.env");
    }

    private String healthcheckCommand() {
        Dockerfile.Instruction hc = Dockerfile.of(dockerfile.runtime(), "HEALTHCHECK").get(0);
        int cmd = hc.arguments().indexOf(" CMD ");
        assertThat(cmd).as("HEALTHCHECK [options] CMD command").isPositive();
        return hc.arguments().substring(cmd + " CMD ".length()).strip();
    }

    private static boolean isStartPeriodFalsePositive(JsonNode issue) {
        String content = issue.path("content").asText();
        if (!"Invalid Argument Format".equals(issue.path("title").asText()) || !content.startsWith("HEALTHCHECK")
                || !content.contains("--start-period")) {
            return false;
        }
        String options = Dockerfile.load().all("HEALTHCHECK").get(0).arguments().split(" CMD ")[0];
        Matcher option = Pattern.compile("(--[a-z-]+)=\\S+").matcher(options);
        List<String> names = new ArrayList<>();
        while (option.find()) {
            names.add(option.group(1));
        }
        return !names.isEmpty() && HEALTHCHECK_OPTIONS.containsAll(names)
                && options.replaceAll("--[a-z-]+=\\S+", "").isBlank();
    }

    /** KEY=value pairs of ENV (and ARG/LABEL) instructions, quotes removed. */
    private static Map<String, String> env(List<Dockerfile.Instruction> instructions) {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_.\\-]*)=(\"[^\"]*\"|\\S*)");
        instructions.stream().filter(i -> Set.of("ENV", "ARG", "LABEL").contains(i.keyword())).forEach(i -> {
            Matcher m = pair.matcher(i.arguments());
            while (m.find()) {
                env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
            }
        });
        return env;
    }

    /** The application container of the infrastructure template's task definition. */
    private static Map<String, Object> container() {
        return map(list(CloudFormationTemplate.main().properties("TaskDefinition").get("ContainerDefinitions")).get(0));
    }
}
