package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.security.ContractAccessRules;
import com.acme.payouts.security.Role;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.acme.payouts.support.Queues;
import com.acme.payouts.support.TestJwts;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every operation of the API contract, called as every role, without a credential and with invalid
 * ones. The operations and who may call them are read from the contract ({@code x-required-roles}),
 * the same declaration the service enforces: an allowed role gets 2xx, any other 403 problem+json,
 * no or a bad credential 401 problem+json. A new operation without a request below fails this test,
 * so it cannot ship without its access being exercised.
 */
class AuthorizationMatrixIT extends EmbeddedDefaultTest {

    private static final String CUSTOMER = "c-matrix";
    /** Above the test profile's approval threshold (5000.00): held for approval. */
    private static final String HELD_AMOUNT = "6000.00";

    /** One key per role, each holding only that role; made once with the bootstrap operator key. */
    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
    private static String payee;
    /** A PayID payee of c-matrix (name checks enabled in the test profile), checked once. */
    private static String payIdPayee;
    private static String payout;
    /** A reconciliation run made with the bootstrap key, for the operations that read one. */
    private static String runId;

    @Autowired
    private SqsClient sqsClient;

    /** How to make a request that should succeed for an allowed caller; fresh resources where it consumes them. */
    record Call(String method, String path, String body, Map<String, String> headers) {}

    private final Map<String, Function<Role, Call>> calls = Map.ofEntries(
            Map.entry("createPayee", role -> post("/v1/payees", "{\"customerId\":\"" + CUSTOMER
                    + "\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Matrix Payee\",\"bsb\":\"062-000\",\"accountNumber\":\"12345678\"}")),
            Map.entry("getPayee", role -> get("/v1/payees/" + payee)),
            Map.entry("listPayees", role -> get("/v1/payees?customerId=" + CUSTOMER + "&limit=2")),
            Map.entry("updatePayee", role -> new Call("PUT", "/v1/payees/" + payee, "{\"type\":\"BANK_ACCOUNT\","
                    + "\"accountName\":\"Matrix Payee\",\"bsb\":\"062-000\",\"accountNumber\":\"12345678\"}", Map.of())),
            Map.entry("deletePayee", role -> new Call("DELETE", "/v1/payees/" + freshPayee(), null, Map.of())),
            Map.entry("startPayeeKeyRotation", role -> post("/v1/ops/payee-key-rotations", null)),
            Map.entry("getPayeeKeyRotation", role -> get("/v1/ops/payee-key-rotations/" + rotation())),
            Map.entry("checkPayeeName", role -> post("/v1/payees/" + payIdPayee + "/name-check", null)),
            Map.entry("getPayeeNameCheck", role -> get("/v1/payees/" + payIdPayee + "/name-check")),
            Map.entry("createPayout", role -> new Call("POST", "/v1/payouts", payoutBody("1.00"),
                    Map.of("Idempotency-Key", "matrix-" + UUID.randomUUID()))),
            Map.entry("listPayouts", role -> get("/v1/payouts?limit=1")),
            Map.entry("getPayout", role -> get("/v1/payouts/" + payout)),
            Map.entry("approvePayout", role -> post("/v1/payouts/" + heldPayout() + "/approve", null)),
            Map.entry("rejectPayout", role -> post("/v1/payouts/" + heldPayout() + "/reject", "{\"reason\":\"matrix\"}")),
            Map.entry("createApiKey", role -> post("/v1/api-keys", "{\"name\":\"matrix made\",\"roles\":[\"payout:read\"]}")),
            Map.entry("listApiKeys", role -> get("/v1/api-keys")),
            Map.entry("rotateApiKey", role -> post("/v1/api-keys/" + freshKey() + "/rotate", "{\"overlapSeconds\":0}")),
            Map.entry("revokeApiKey", role -> post("/v1/api-keys/" + freshKey() + "/revoke", null)),
            Map.entry("listAudit", role -> get("/v1/audit?entity=payout:" + payout + "&limit=5")),
            Map.entry("verifyAudit", role -> get("/v1/audit/verification")),
            Map.entry("getBalance", role -> get("/v1/balance")),
            Map.entry("listDeadLetters", role -> get("/v1/dead-letters/payout-submissions?limit=10")),
            Map.entry("redriveAllDeadLetters", role -> {
                deadLetter();
                return post("/v1/dead-letters/payout-submissions/redrive", null);
            }),
            Map.entry("redriveDeadLetter", role -> post("/v1/dead-letters/payout-submissions/messages/" + deadLetter() + "/redrive",
                    null)),
            Map.entry("listRedriveAudit", role -> get("/v1/redrive-audit?limit=5")),
            Map.entry("runReconciliation", role -> post("/v1/reconciliation/runs", "{\"startDate\":\"" + today()
                    + "\",\"endDate\":\"" + today() + "\"}")),
            Map.entry("getReconciliationReport", role -> get("/v1/reconciliation/runs/" + runId)),
            Map.entry("getReconciliationCsv", role -> get("/v1/reconciliation/runs/" + runId + "/breaks.csv")),
            Map.entry("ensureWebhookSubscriptions", role -> post("/v1/ops/webhook-subscriptions", null)));

    @BeforeEach
    void keysPerRoleAndFixtures() {
        synchronized (TOKENS) {
            if (!TOKENS.isEmpty()) {
                return;
            }
            for (Role role : Role.values()) {
                Reply r = api.post("/v1/api-keys", "{\"name\":\"matrix " + role.value() + "\",\"roles\":[\"" + role.value() + "\"]}",
                        Map.of());
                assertThat(r.status()).as(r.raw()).isEqualTo(201);
                TOKENS.put(role, r.body().path("token").asText());
            }
            payee = api.createBankPayee(CUSTOMER, "Matrix Payee", "062-000", "12345678").id();
            payIdPayee = api.createPayIdPayee(CUSTOMER, "Matrix Payee", "Email", "matrix@example.com").id();
            Reply checked = api.post("/v1/payees/" + payIdPayee + "/name-check", null, new byte[0], Map.of());
            assertThat(checked.status()).as(checked.raw()).isEqualTo(200);
            Reply p = api.createPayout("matrix-" + UUID.randomUUID(), payee, "1.00", "NPP", "Matrix");
            assertThat(p.status()).as(p.raw()).isEqualTo(202);
            payout = p.id();
            // Settled before the matrix redrives dead-lettered submissions of it: the normal path pays nothing again.
            api.awaitPayout(payout, Duration.ofSeconds(60), PayoutsClient.SETTLED::contains);
            // The previous Sydney day (what a run without a body reconciles).
            String yesterday = LocalDate.now(ZoneId.of("Australia/Sydney")).minusDays(1).toString();
            Reply run = api.post("/v1/reconciliation/runs", "{\"startDate\":\"" + yesterday + "\"}", Map.of());
            assertThat(run.status()).as(run.raw()).isEqualTo(201);
            runId = run.body().path("runId").asText();
        }
    }

    private static List<ContractAccessRules.Rule> rules() throws IOException {
        String contract = Files.readString(Path.of("openapi", "payouts-api.yaml"), StandardCharsets.UTF_8);
        return new ContractAccessRules(new OpenAPIV3Parser().readContents(contract).getOpenAPI()).rules();
    }

    @Test
    void every_protected_operation_of_the_contract_has_a_request_in_this_matrix() throws IOException {
        List<String> missing = rules().stream()
                .filter(r -> !r.isPublic())
                .map(ContractAccessRules.Rule::operationId)
                .filter(id -> !calls.containsKey(id))
                .toList();
        assertThat(missing).as("operations this matrix does not exercise: add a request for each").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> every_operation_as_every_role() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (ContractAccessRules.Rule rule : rules()) {
            if (rule.isPublic()) {
                continue;
            }
            Function<Role, Call> call = calls.get(rule.operationId());
            if (call == null) {
                continue; // reported by every_protected_operation_of_the_contract_has_a_request_in_this_matrix
            }
            for (Role role : Role.values()) {
                boolean allowed = rule.roles().contains(role);
                tests.add(DynamicTest.dynamicTest(rule.operationId() + " as " + role + (allowed ? " is allowed" : " is forbidden"), () -> {
                    Reply r = send(api.as(TOKENS.get(role)), call.apply(role));
                    if (allowed) {
                        assertThat(r.status()).as("%s %s: %s", rule.method(), rule.path(), r.raw()).isBetween(200, 299);
                    } else {
                        assertProblem(r, 403);
                    }
                }));
            }
            tests.add(DynamicTest.dynamicTest(rule.operationId() + " without a credential is 401", () -> {
                Reply r = send(api.as(null), call.apply(Role.OPS));
                assertProblem(r, 401);
                assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            }));
            tests.add(DynamicTest.dynamicTest(rule.operationId() + " with an unknown API key is 401", () ->
                    assertProblem(send(api.as("pk_aaaaaaaaaaaaaaaa_" + "A".repeat(43)), call.apply(Role.OPS)), 401)));
            tests.add(DynamicTest.dynamicTest(rule.operationId() + " with a JWT signed by an unknown key is 401", () ->
                    assertProblem(send(api.as(TestJwts.shared().forged("matrix-user", List.of("ops",
                            "payout:create", "payout:read", "payout:approve", "payee:write", "payee:read"))), call.apply(Role.OPS)), 401)));
        }
        return tests.stream();
    }

    private static void assertProblem(Reply r, int status) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.raw()).startsWith("application/problem+json");
        assertThat(r.body().path("status").asInt()).isEqualTo(status);
        assertThat(r.body().path("type").asText()).startsWith("/problems/");
    }

    private Reply send(PayoutsClient client, Call call) {
        return switch (call.method()) {
            case "GET" -> client.get(call.path(), call.headers());
            case "PUT" -> client.put(call.path(), call.body());
            case "DELETE" -> client.delete(call.path());
            default -> client.post(call.path(), call.body() == null ? null : "application/json",
                    call.body() == null ? new byte[0] : call.body().getBytes(StandardCharsets.UTF_8), call.headers());
        };
    }

    /** A payee only a delete will use (made with the bootstrap key). */
    private String freshPayee() {
        return api.createBankPayee(CUSTOMER, "Matrix Deleted", "062-000",
                String.valueOf(10_000_000 + (int) (Math.random() * 80_000_000))).id();
    }

    /** A payee key rotation's id (started with the bootstrap key, which holds ops). */
    private String rotation() {
        Reply r = api.post("/v1/ops/payee-key-rotations", null, new byte[0], Map.of());
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        return r.id();
    }

    private static Call get(String path) {
        return new Call("GET", path, null, Map.of());
    }

    private static Call post(String path, String body) {
        return new Call("POST", path, body, Map.of());
    }

    private static String payoutBody(String amount) {
        return "{\"payeeId\":\"" + payee + "\",\"amount\":\"" + amount + "\",\"currency\":\"AUD\",\"method\":\"NPP\",\"reference\":\"Matrix\"}";
    }

    /** A payout held for approval, created by the bootstrap key (so any role key is a different principal). */
    private String heldPayout() {
        Reply r = api.createPayout("matrix-held-" + UUID.randomUUID(), payee, HELD_AMOUNT, "NPP", "Matrix held");
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(r.body().path("status").asText()).isEqualTo("PENDING_APPROVAL");
        return r.id();
    }

    /**
     * A submission message for the matrix's settled payout, put on the payout-submissions dead-letter
     * queue (as after repeated crashes); redriving it goes through payout-submit, which pays nothing
     * twice. Returns its message id on the dead-letter queue.
     */
    private String deadLetter() {
        return new Queues(sqsClient).send(Queues.PAYOUT_SUBMISSIONS_DLQ, "{\"payoutId\":\"" + payout + "\",\"attempt\":99}");
    }

    private static String today() {
        return LocalDate.now(ZoneId.of("Australia/Sydney")).toString();
    }

    private String freshKey() {
        Reply r = api.post("/v1/api-keys", "{\"name\":\"matrix target\",\"roles\":[\"payee:read\"]}", Map.of());
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.id();
    }
}
