package com.acme.payouts.infrastructure;

import static com.acme.payouts.infrastructure.CloudFormationTemplate.map;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The application's own defaults ({@code src/main/resources/application.yaml}) the infrastructure must agree with. */
final class ApplicationYaml {

    private ApplicationYaml() {}

    static Map<String, Object> load() {
        try (Reader in = Files.newBufferedReader(ExternalTool.projectDir().resolve("src/main/resources/application.yaml"),
                StandardCharsets.UTF_8)) {
            return map(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code payouts.queues}: queue names by key, {@code max-receive-count}, {@code visibility-timeout-seconds}. */
    static Map<String, Object> queues() {
        return map(map(load().get("payouts")).get("queues"));
    }

    /** Source queue name to its dead-letter queue name, from {@code payouts.queues} ({@code x} and {@code x-dlq}). */
    static Map<String, String> queuesAndDeadLetterQueues() {
        Map<String, Object> queues = queues();
        Map<String, String> pairs = new LinkedHashMap<>();
        queues.forEach((key, value) -> {
            if (value instanceof String name && !key.endsWith("-dlq")) {
                pairs.put(name, (String) queues.get(key + "-dlq"));
            }
        });
        return pairs;
    }

    static int maxReceiveCount() {
        return ((Number) queues().get("max-receive-count")).intValue();
    }

    static int visibilityTimeoutSeconds() {
        return ((Number) queues().get("visibility-timeout-seconds")).intValue();
    }
}
