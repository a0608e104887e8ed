package com.acme.payouts.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

/**
 * The conventions of {@code routes/*.camel.yaml}, read as the application loads them (from
 * {@code classpath:camel/}), so a new route or step cannot quietly break them.
 */
class RouteConventionsTest {

    private static final String ERROR_HANDLING = "payouts-error-handling";
    private static final String DEAD_LETTER_ROUTE = "dead-letter";
    /** Steps that send the exchange somewhere. */
    private static final Set<String> SENDING_STEPS = Set.of("to", "toD", "wireTap", "enrich", "pollEnrich");

    /** File name to its top-level elements ({@code route}, {@code routeConfiguration}, {@code rest}). */
    private static final Map<String, List<Map<String, Object>>> FILES = new LinkedHashMap<>();
    private static final List<Map<String, Object>> ROUTES = new ArrayList<>();
    private static final List<Map<String, Object>> CONFIGURATIONS = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:camel/*.camel.yaml");
        for (Resource resource : resources) {
            try (InputStream in = resource.getInputStream()) {
                List<Map<String, Object>> elements = new Yaml().load(in);
                FILES.put(resource.getFilename(), elements);
                for (Map<String, Object> element : elements) {
                    if (element.containsKey("route")) {
                        ROUTES.add((Map<String, Object>) element.get("route"));
                    }
                    if (element.containsKey("routeConfiguration")) {
                        CONFIGURATIONS.add((Map<String, Object>) element.get("routeConfiguration"));
                    }
                }
            }
        }
        assertThat(FILES).as("route files on the class path").containsKeys(
                "error-handling.camel.yaml", "payout-submit.camel.yaml", "webhook-processing.camel.yaml");
        assertThat(ROUTES).hasSizeGreaterThanOrEqualTo(10);
    }

    private static String routeId(Map<String, Object> route) {
        return (String) route.get("id");
    }

    @Test
    void every_route_has_an_explicit_id_and_ids_are_unique() {
        List<String> ids = ROUTES.stream().map(RouteConventionsTest::routeId).toList();
        assertThat(ids).doesNotContainNull().allSatisfy(id -> assertThat(id).isNotBlank()).doesNotHaveDuplicates();
    }

    @Test
    void every_route_but_the_dead_letter_route_names_the_one_error_handling_configuration() {
        assertThat(CONFIGURATIONS).extracting(c -> c.get("id")).containsExactly(ERROR_HANDLING);
        for (Map<String, Object> route : ROUTES) {
            if (DEAD_LETTER_ROUTE.equals(routeId(route))) {
                // It runs inside the handler of a failure: a failure of its own must surface, not loop.
                assertThat(route.get("errorHandler")).as("dead-letter error handler").isEqualTo(Map.of("noErrorHandler", Map.of()));
                continue;
            }
            assertThat(route.get("routeConfigurationId")).as("routeConfigurationId of route " + routeId(route))
                    .isEqualTo(ERROR_HANDLING);
        }
    }

    @Test
    void every_step_that_calls_monoova_or_a_queue_has_an_id() {
        List<String> missing = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        FILES.forEach((file, elements) -> walk(elements, (kind, step) -> {
            if (!SENDING_STEPS.contains(kind)) {
                return;
            }
            String uri = step instanceof Map<?, ?> m ? String.valueOf(m.get("uri")) : String.valueOf(step);
            if (uri.startsWith("aws2-sqs:") || uri.contains("{{monoova.") || uri.startsWith("http")) {
                checked.add(uri);
                if (!(step instanceof Map<?, ?> m) || m.get("id") == null) {
                    missing.add(file + ": " + kind + " " + uri);
                }
            }
        }));
        assertThat(checked).as("Monoova and SQS calls found").hasSizeGreaterThanOrEqualTo(5);
        assertThat(missing).as("calls without an id").isEmpty();
    }

    @Test
    void every_bean_step_has_an_id() {
        List<String> missing = new ArrayList<>();
        FILES.forEach((file, elements) -> walk(elements, (kind, step) -> {
            if ("bean".equals(kind) && (!(step instanceof Map<?, ?> m) || m.get("id") == null)) {
                missing.add(file + ": " + step);
            }
        }));
        assertThat(missing).isEmpty();
    }

    @Test
    void no_step_turns_off_http_failures() {
        // Monoova's answers are classified in Java from exceptions, never by a hand-written status check.
        List<String> found = new ArrayList<>();
        FILES.forEach((file, elements) -> walk(elements, (key, value) -> {
            if (key.contains("throwExceptionOnFailure") || String.valueOf(value).contains("throwExceptionOnFailure")) {
                found.add(file + ": " + key);
            }
        }));
        assertThat(found).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_operation_of_the_contract_has_a_route_from_direct_operation_id() throws IOException {
        Set<String> operationIds = operationIds();
        Set<String> fromUris = new LinkedHashSet<>();
        for (Map<String, Object> route : ROUTES) {
            fromUris.add(String.valueOf(((Map<String, Object>) route.get("from")).get("uri")));
        }
        assertThat(operationIds).hasSizeGreaterThanOrEqualTo(15);
        assertThat(fromUris).containsAll(operationIds.stream().map(id -> "direct:" + id).toList());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> operationIds() throws IOException {
        Map<String, Object> contract;
        try (InputStream in = new ClassPathResource("openapi/payouts-api.yaml").getInputStream()) {
            contract = new Yaml().load(in);
        }
        Set<String> operationIds = new LinkedHashSet<>();
        for (Object pathItem : ((Map<String, Object>) contract.get("paths")).values()) {
            for (Object operation : ((Map<String, Object>) pathItem).values()) {
                if (operation instanceof Map<?, ?> op && op.get("operationId") != null) {
                    operationIds.add((String) op.get("operationId"));
                }
            }
        }
        return operationIds;
    }

    /** The webhook intake is the one exception: the validator would parse the body before its signature is checked. */
    @Test
    @SuppressWarnings("unchecked")
    void every_api_route_validates_the_request_against_the_contract_first() throws IOException {
        List<String> offenders = new ArrayList<>();
        int apiRoutes = 0;
        for (Map<String, Object> route : ROUTES) {
            Map<String, Object> from = (Map<String, Object>) route.get("from");
            String uri = String.valueOf(from.get("uri"));
            if (!uri.startsWith("direct:") || uri.contains("-") || uri.equals("direct:receiveMonoovaWebhook")) {
                continue; // internal sub-routes are named with hyphens; operation ids are camelCase
            }
            apiRoutes++;
            List<Object> steps = (List<Object>) from.get("steps");
            Object first = steps == null || steps.isEmpty() ? null : steps.get(0);
            Map<String, Object> bean = first instanceof Map<?, ?> m ? (Map<String, Object>) m.get("bean") : null;
            if (bean == null || !"contractValidator".equals(bean.get("ref")) || !"validateRequest".equals(bean.get("method"))) {
                offenders.add(routeId(route));
            }
        }
        // Every operation of the contract except the webhook target has one.
        assertThat(apiRoutes).isEqualTo(operationIds().size() - 1);
        assertThat(offenders).as("API routes whose first step is not contractValidator.validateRequest").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_queue_consumer_names_its_dead_letter_queue_first() {
        List<String> offenders = new ArrayList<>();
        for (Map<String, Object> route : ROUTES) {
            Map<String, Object> from = (Map<String, Object>) route.get("from");
            if (!String.valueOf(from.get("uri")).startsWith("aws2-sqs:")) {
                continue;
            }
            List<Object> steps = (List<Object>) from.get("steps");
            Object first = steps.get(0);
            Map<String, Object> set = first instanceof Map<?, ?> m ? (Map<String, Object>) m.get("setProperty") : null;
            if (set == null || !"deadLetterQueue".equals(set.get("name"))) {
                offenders.add(routeId(route));
            }
        }
        assertThat(offenders).isEmpty();
    }

    /** Visits every key and value at any depth of the YAML tree. */
    private static void walk(Object node, BiConsumer<String, Object> visitor) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                visitor.accept(String.valueOf(k), v);
                walk(v, visitor);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> walk(item, visitor));
        }
    }
}
