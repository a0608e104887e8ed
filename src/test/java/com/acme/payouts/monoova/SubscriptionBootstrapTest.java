package com.acme.payouts.monoova;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SubscriptionBootstrapTest {

    private static final String BASE = "https://payouts.example.com";
    private static final String TOKEN = "Bearer webhook-token-1";

    /** Monoova's subscription book as the admin client sees it, without HTTP. */
    static final class FakeMonoova extends MonoovaAdminClient {
        private final ObjectMapper json = new ObjectMapper();
        final Map<Integer, ObjectNode> subscriptions = new TreeMap<>();
        final List<String> calls = new ArrayList<>();
        RuntimeException failure;
        private int nextId = 100;

        FakeMonoova() {
            super(null, null, null, "http://unused", 1, 1);
        }

        int existing(String event, String targetUrl, String status) {
            int id = nextId++;
            subscriptions.put(id, json.createObjectNode().put("id", id).put("eventName", event)
                    .put("targetUrl", targetUrl).put("status", status).put("token", "old"));
            return id;
        }

        @Override
        public JsonNode listSubscriptions() {
            calls.add("list");
            if (failure != null) {
                throw failure;
            }
            ObjectNode answer = json.createObjectNode();
            ArrayNode items = answer.putArray("eventname");
            // the list answer carries no token
            subscriptions.values().forEach(s -> items.add(s.deepCopy().without("token")));
            return answer;
        }

        @Override
        public JsonNode createSubscription(String eventName, String targetUrl, String securityToken) {
            calls.add("create " + eventName);
            int id = existing(eventName, targetUrl, "On");
            subscriptions.get(id).put("token", securityToken);
            return json.createObjectNode().put("id", id);
        }

        @Override
        public JsonNode updateSubscription(int id, String targetUrl, String securityToken) {
            calls.add("update " + id);
            subscriptions.get(id).put("targetUrl", targetUrl).put("status", "On").put("token", securityToken);
            return json.createObjectNode().put("id", id);
        }

        ObjectNode only(String event) {
            List<ObjectNode> matching = subscriptions.values().stream()
                    .filter(s -> s.path("eventName").asText().equals(event))
                    .toList();
            assertThat(matching).hasSize(1);
            return matching.get(0);
        }
    }

    private final FakeMonoova monoova = new FakeMonoova();
    private final SubscriptionBootstrap bootstrap = new SubscriptionBootstrap(
            monoova, List.of("NppPaymentStatus", "NppReturn"), () -> BASE, () -> TOKEN);

    @Test
    void creates_a_subscription_for_every_event_that_has_none() {
        bootstrap.ensure();

        for (String event : List.of("NppPaymentStatus", "NppReturn")) {
            ObjectNode s = monoova.only(event);
            assertThat(s.path("targetUrl").asText()).isEqualTo(BASE + "/webhooks/monoova?event=" + event);
            assertThat(s.path("status").asText()).isEqualTo("On");
            assertThat(s.path("token").asText()).isEqualTo(TOKEN);
        }
        assertThat(bootstrap.isDone()).isTrue();
    }

    @Test
    void updates_an_existing_subscription_in_place_turning_it_on_with_our_url_and_token() {
        int id = monoova.existing("NppPaymentStatus", "https://old.example.com/hook", "Off");

        bootstrap.ensure();

        ObjectNode s = monoova.only("NppPaymentStatus");
        assertThat(s.path("id").asInt()).isEqualTo(id);
        assertThat(s.path("targetUrl").asText()).isEqualTo(BASE + "/webhooks/monoova?event=NppPaymentStatus");
        assertThat(s.path("status").asText()).isEqualTo("On");
        assertThat(s.path("token").asText()).isEqualTo(TOKEN);
    }

    @Test
    void running_again_changes_nothing_and_creates_nothing() {
        bootstrap.ensure();
        Map<Integer, String> first = snapshot();

        monoova.calls.clear();
        bootstrap.ensure();

        assertThat(snapshot()).isEqualTo(first);
        assertThat(monoova.calls).noneMatch(c -> c.startsWith("create"));
    }

    @Test
    void of_several_subscriptions_for_one_event_the_one_already_pointing_at_us_is_kept() {
        int stranger = monoova.existing("NppPaymentStatus", "https://someone-else.example.com/hook", "On");
        int ours = monoova.existing("NppPaymentStatus", BASE + "/webhooks/monoova?event=NppPaymentStatus", "Off");

        bootstrap.ensure();

        assertThat(monoova.calls).contains("update " + ours).doesNotContain("update " + stranger);
        assertThat(monoova.subscriptions.get(stranger).path("targetUrl").asText())
                .isEqualTo("https://someone-else.example.com/hook");
        assertThat(monoova.subscriptions.get(ours).path("status").asText()).isEqualTo("On");
    }

    @Test
    void subscriptions_for_events_we_do_not_need_are_left_alone() {
        int other = monoova.existing("InboundDirectCredit", "https://ledger.example.com/hook", "On");
        bootstrap.ensure();
        assertThat(monoova.calls).doesNotContain("update " + other);
    }

    @Test
    void when_monoova_cannot_be_reached_it_reports_and_is_not_done() {
        monoova.failure = new MonoovaAdminClient.MonoovaCallException("GET /subscriptions/v1/list failed", null);
        assertThatThrownBy(bootstrap::ensure).isInstanceOf(MonoovaAdminClient.MonoovaCallException.class);
        assertThat(bootstrap.isDone()).isFalse();
        assertThat(monoova.subscriptions).isEmpty();
    }

    private Map<Integer, String> snapshot() {
        Map<Integer, String> copy = new TreeMap<>();
        monoova.subscriptions.forEach((id, s) -> copy.put(id, s.toString()));
        return copy;
    }
}
