package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SubscriptionApiTest {

    private static final String SUBSCRIPTION_DATE_TIME = "\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}:\\d{2} (AM|PM)";

    private static MonoovaSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.start();
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ObjectNode create(String eventName, String url, String status) {
        return SandboxClient.MAPPER.createObjectNode()
                .put("eventName", eventName)
                .put("targetUrl", url)
                .put("subscriptionStatus", status)
                .put("securityToken", "Basic dXNlcjpwYXNz");
    }

    @Test
    void createAnswersWithTheSpecFields() {
        SandboxClient.Reply reply = client.post("/subscriptions/v1/create", create("NPPCreditRejections", "http://www.abc.com.au", "On"));

        assertThat(reply.httpStatus()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("status").asText()).isEqualTo("Ok");
        assertThat(json.get("id").isInt()).isTrue();
        assertThat(json.get("dateTime").asText()).matches(SUBSCRIPTION_DATE_TIME);
        assertThat(json.get("eventName").asText()).isEqualTo("NPPCreditRejections");
        assertThat(json.get("targetUrl").asText()).isEqualTo("http://www.abc.com.au");
    }

    @Test
    void listUpdateAndDeleteWorkOnTheSameSubscription() {
        int id = client.post("/subscriptions/v1/create", create("NppReturn", "http://one.example/hook", "On")).json().get("id").asInt();

        SandboxClient.Reply updated = client.post("/subscriptions/v1/update", SandboxClient.MAPPER.createObjectNode()
                .put("id", id).put("targetUrl", "https://two.example/hook").put("subscriptionStatus", "Off"));

        assertThat(updated.httpStatus()).isEqualTo(200);
        assertThat(updated.json().get("eventName").asText()).isEqualTo("NppReturn");
        JsonNode item = itemWithId(client.get("/subscriptions/v1/list").json(), id);
        assertThat(item).isNotNull();
        assertThat(WebhookTest.fieldNames(item)).containsExactly("eventName", "id", "targetUrl", "status", "LastUpdated", "createdDate");
        assertThat(item.get("status").asText()).isEqualTo("Off");
        assertThat(item.get("targetUrl").asText()).isEqualTo("https://two.example/hook");
        assertThat(item.get("LastUpdated").asText()).matches(SUBSCRIPTION_DATE_TIME);
        assertThat(item.get("createdDate").asText()).matches(SUBSCRIPTION_DATE_TIME);

        SandboxClient.Reply deleted = client.delete("/subscriptions/v1/delete/" + id);

        assertThat(deleted.httpStatus()).isEqualTo(200);
        assertThat(deleted.status()).isEqualTo("Ok");
        assertThat(itemWithId(client.get("/subscriptions/v1/list").json(), id)).isNull();
        assertThat(client.delete("/subscriptions/v1/delete/" + id).status()).isEqualTo("SubscriptionNotFound");
    }

    @Test
    void eventNamesMustMatchTheSpecEnumExactly() {
        assertThat(client.post("/subscriptions/v1/create", create("NppCreditRejections", "http://x.example", "On")).status())
                .isEqualTo("InvalidEventName");
        assertThat(client.post("/subscriptions/v1/create", create("nppPaymentStatus", "http://x.example", "On")).status())
                .isEqualTo("InvalidEventName");
        for (String event : SubscriptionRegistry.EVENT_NAMES) {
            assertThat(client.post("/subscriptions/v1/create", create(event, "http://x.example", "Off")).httpStatus())
                    .as(event).isEqualTo(200);
        }
    }

    @Test
    void invalidSubscriptionFieldsAreRefused() {
        assertThat(client.post("/subscriptions/v1/create", create("NppReturn", "not a url", "On")).status()).isEqualTo("InvalidTargetUrl");
        assertThat(client.post("/subscriptions/v1/create", create("NppReturn", "ftp://x.example", "On")).status()).isEqualTo("InvalidTargetUrl");
        assertThat(client.post("/subscriptions/v1/create", create("NppReturn", "http://x.example", "Maybe")).status())
                .isEqualTo("InvalidSubscriptionStatus");
        assertThat(client.post("/subscriptions/v1/create", create("NppReturn", "http://x.example", "On").put("securityToken", "token-without-type")).status())
                .isEqualTo("InvalidSecurityToken");
        assertThat(client.post("/subscriptions/v1/update", "{\"id\":999999,\"targetUrl\":\"http://x.example\",\"subscriptionStatus\":\"On\"}").status())
                .isEqualTo("SubscriptionNotFound");
        assertThat(client.delete("/subscriptions/v1/delete/abc").status()).isEqualTo("InvalidSubscriptionId");
    }

    @Test
    void aMissingStatusDefaultsToOff() {
        int id = client.post("/subscriptions/v1/create", create("NppReturn", "http://x.example", "On").without("subscriptionStatus"))
                .json().get("id").asInt();

        assertThat(itemWithId(client.get("/subscriptions/v1/list").json(), id).get("status").asText()).isEqualTo("Off");
    }

    private static JsonNode itemWithId(JsonNode list, int id) {
        for (JsonNode item : list.get("eventname")) {
            if (item.get("id").asInt() == id) {
                return item;
            }
        }
        return null;
    }
}
