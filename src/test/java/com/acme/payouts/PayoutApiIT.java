package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.acme.payouts.support.TestCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The REST API's contract: problem+json naming the field for every bad input (and nothing stored),
 * idempotency on {@code Idempotency-Key}, listing with cursor paging, payees shown masked only, and
 * no request header ever echoed back.
 */
class PayoutApiIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(40);
    private static final String PROBLEM = "application/problem+json";

    private String customer;
    private String bankPayee;
    private String payIdPayee;

    @BeforeEach
    void payees() {
        customer = "c-api-" + UUID.randomUUID().toString().substring(0, 8);
        bankPayee = api.createBankPayee(customer, "Jane Citizen", "062-000", "12345678").id();
        payIdPayee = api.createPayIdPayee(customer, "Jane Citizen", "Email", "jane.api@example.com").id();
    }

    // ---- refused payout requests ----

    /** One refused request: what is sent, and which status and field the problem must name. */
    record Refusal(String name, String body, String contentType, boolean withKey, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> refusedPayoutRequests() {
        String ok = "\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"NPP\"";
        return Stream.of(
                        new Refusal("missing Idempotency-Key header", "{\"payeeId\":\"{BANK}\"," + ok + "}",
                                "application/json", false, 400, "Idempotency-Key"),
                        new Refusal("amount without two decimals", "{\"payeeId\":\"{BANK}\",\"amount\":\"12.5\",\"currency\":\"AUD\",\"method\":\"NPP\"}",
                                "application/json", true, 400, "amount"),
                        new Refusal("amount with a thousands separator", "{\"payeeId\":\"{BANK}\",\"amount\":\"1,000.00\",\"currency\":\"AUD\",\"method\":\"NPP\"}",
                                "application/json", true, 400, "amount"),
                        new Refusal("negative amount", "{\"payeeId\":\"{BANK}\",\"amount\":\"-1.00\",\"currency\":\"AUD\",\"method\":\"NPP\"}",
                                "application/json", true, 400, "amount"),
                        new Refusal("amount as a JSON number", "{\"payeeId\":\"{BANK}\",\"amount\":12.50,\"currency\":\"AUD\",\"method\":\"NPP\"}",
                                "application/json", true, 400, "amount"),
                        new Refusal("amount 0.00", "{\"payeeId\":\"{BANK}\",\"amount\":\"0.00\",\"currency\":\"AUD\",\"method\":\"NPP\"}",
                                "application/json", true, 400, "amount"),
                        new Refusal("missing amount", "{\"payeeId\":\"{BANK}\",\"currency\":\"AUD\",\"method\":\"NPP\"}",
                                "application/json", true, 400, "amount"),
                        new Refusal("extra property", "{\"payeeId\":\"{BANK}\"," + ok + ",\"tip\":\"1.00\"}",
                                "application/json", true, 400, "tip"),
                        new Refusal("currency other than AUD", "{\"payeeId\":\"{BANK}\",\"amount\":\"12.50\",\"currency\":\"USD\",\"method\":\"NPP\"}",
                                "application/json", true, 400, "currency"),
                        new Refusal("unknown method", "{\"payeeId\":\"{BANK}\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"BPAY\"}",
                                "application/json", true, 400, "method"),
                        new Refusal("malformed payeeId", "{\"payeeId\":\"pe_NOT-AN-ID\"," + ok + "}",
                                "application/json", true, 400, "payeeId"),
                        new Refusal("unknown payeeId", "{\"payeeId\":\"pe_" + "a".repeat(26) + "\"," + ok + "}",
                                "application/json", true, 422, "payeeId"),
                        new Refusal("Direct Entry to a PayID payee", "{\"payeeId\":\"{PAYID}\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"DE\"}",
                                "application/json", true, 422, "method"),
                        new Refusal("Direct Entry reference of 19 characters", "{\"payeeId\":\"{BANK}\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"DE\",\"reference\":\"ABCDEFGHIJ123456789\"}",
                                "application/json", true, 422, "reference"),
                        new Refusal("Direct Entry reference outside the DE character set", "{\"payeeId\":\"{BANK}\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"DE\",\"reference\":\"Invoice <42>\"}",
                                "application/json", true, 422, "reference"),
                        new Refusal("Direct Entry reference with a non-ASCII letter", "{\"payeeId\":\"{BANK}\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"DE\",\"reference\":\"Caf\u00e9 42\"}",
                                "application/json", true, 422, "reference"),
                        new Refusal("reference longer than 280", "{\"payeeId\":\"{BANK}\"," + ok + ",\"reference\":\"" + "x".repeat(281) + "\"}",
                                "application/json", true, 400, "reference"),
                        new Refusal("malformed JSON", "{\"payeeId\":\"{BANK}\",",
                                "application/json", true, 400, "body"),
                        new Refusal("a JSON array instead of an object", "[]",
                                "application/json", true, 400, "body"),
                        new Refusal("wrong content type", "payeeId={BANK}&amount=12.50",
                                "text/plain", true, 415, null),
                        new Refusal("form content type", "payeeId={BANK}&amount=12.50",
                                "application/x-www-form-urlencoded", true, 415, null))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPayoutRequests")
    void a_refused_payout_request_gets_problem_json_naming_the_field_and_stores_nothing(Refusal refusal) {
        int before = api.countPayouts(customer);
        String key = "api-refused-" + UUID.randomUUID();
        String body = refusal.body().replace("{BANK}", bankPayee).replace("{PAYID}", payIdPayee);
        Map<String, String> headers = refusal.withKey() ? Map.of("Idempotency-Key", key) : Map.of();

        Reply r = api.post("/v1/payouts", refusal.contentType(), body.getBytes(StandardCharsets.UTF_8), headers);

        assertProblem(r, refusal.status(), refusal.field());
        assertThat(api.countPayouts(customer)).as("nothing stored for %s", refusal).isEqualTo(before);
        assertThat(api.get("/v1/payouts/" + PayoutIds.fromIdempotencyKey(key)).status()).isEqualTo(404);
        // The key was not used up: the same key with a good request now succeeds.
        Reply good = api.createPayout(key, bankPayee, "1.00", "NPP", null);
        assertThat(good.status()).as(good.raw()).isEqualTo(202);
        assertThat(good.header("Idempotent-Replayed")).isNull();
        api.awaitStatus(good.id(), "COMPLETED", SETTLE);
    }

    @Test
    void a_malformed_idempotency_key_is_refused_naming_the_header_and_stores_nothing() {
        int before = api.countPayouts(customer);
        for (String key : List.of("short", "has spaces in it", "semi;colon;key", "k".repeat(129))) {
            Reply r = api.post("/v1/payouts", "{\"payeeId\":\"" + bankPayee
                    + "\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"NPP\"}", Map.of("Idempotency-Key", key));
            assertProblem(r, 400, "Idempotency-Key");
        }
        assertThat(api.countPayouts(customer)).isEqualTo(before);
    }

    @Test
    void an_idempotency_key_in_the_query_string_is_not_the_required_header() {
        int before = api.countPayouts(customer);
        String key = "api-query-key-" + UUID.randomUUID();
        String body = "{\"payeeId\":\"" + bankPayee + "\",\"amount\":\"12.50\",\"currency\":\"AUD\",\"method\":\"NPP\"}";

        Reply r = api.post("/v1/payouts?Idempotency-Key=" + key, body, Map.of());

        assertProblem(r, 400, "Idempotency-Key");
        assertThat(api.get("/v1/payouts/" + PayoutIds.fromIdempotencyKey(key)).status()).isEqualTo(404);
        assertThat(api.countPayouts(customer)).isEqualTo(before);
    }

    @Test
    void direct_entry_to_a_bank_account_that_does_not_fit_direct_entry_is_unprocessable() {
        String longAccount = api.createBankPayee(customer, "Jane Citizen", "062-000", "1234567890").id();
        // another account than the customer's first payee: the same account would be that payee (ADR 0010)
        String foreignName = api.createBankPayee(customer, "Zo\u00eb Smith", "062-000", "2345" + PayoutScenariosIT.randomDigits(4)).id();
        int before = api.countPayouts(customer);

        for (String payee : List.of(longAccount, foreignName)) {
            Reply r = api.createPayout("api-de-" + UUID.randomUUID(), payee, "12.50", "DE", "INV 1");
            assertProblem(r, 422, "method");
            assertThat(r.raw()).doesNotContain("1234567890", "Zo\u00eb");
        }
        assertThat(api.countPayouts(customer)).isEqualTo(before);
    }

    @Test
    void references_at_their_maximum_length_are_accepted_and_paid() {
        String de = "AZaz09 .(+$*)^[];-";
        String deTail = "/,%_?:#@'=&!";
        String npp = "N".repeat(280);
        Reply deFirst = api.createPayout("api-max-" + UUID.randomUUID(), bankPayee, "13.01", "DE", de);
        Reply deSecond = api.createPayout("api-max-" + UUID.randomUUID(), bankPayee, "13.02", "DE", deTail);
        Reply nppMax = api.createPayout("api-max-" + UUID.randomUUID(), bankPayee, "13.03", "NPP", npp);

        for (Reply r : List.of(deFirst, deSecond, nppMax)) {
            assertThat(r.status()).as(r.raw()).isEqualTo(202);
            JsonNode done = api.awaitPayout(r.id(), SETTLE, PayoutsClient.SETTLED::contains);
            assertThat(done.path("status").asText()).as("%s", done).isEqualTo("COMPLETED");
        }
        assertThat(api.payout(deFirst.id()).path("reference").asText()).isEqualTo(de);
        assertThat(api.payout(nppMax.id()).path("reference").asText()).hasSize(280);
    }

    @Test
    void a_malformed_payout_id_is_a_bad_request_naming_the_path_parameter() {
        assertProblem(api.get("/v1/payouts/po_NOT-A-PAYOUT"), 400, "payoutId");
        assertProblem(api.get("/v1/payouts/" + "x".repeat(30)), 400, "payoutId");
    }

    @Test
    void an_unknown_payout_is_not_found() {
        Reply r = api.get("/v1/payouts/" + PayoutIds.fromIdempotencyKey("never-used-" + UUID.randomUUID()));
        assertProblem(r, 404, null);
    }

    // ---- idempotency ----

    @Test
    void the_same_key_and_body_replays_the_original_payout() {
        String key = "api-replay-" + UUID.randomUUID();
        Reply first = api.createPayout(key, bankPayee, "21.00", "NPP", "Replay 1");
        Reply second = api.createPayout(key, bankPayee, "21.00", "NPP", "Replay 1");

        assertThat(first.status()).as(first.raw()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).as(second.raw()).isEqualTo(202);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.header("Location")).isEqualTo("/v1/payouts/" + first.id());
        assertThat(second.body().path("createdAt")).isEqualTo(first.body().path("createdAt"));
        assertThat(second.body().path("monoovaReference")).isEqualTo(first.body().path("monoovaReference"));

        JsonNode done = api.awaitStatus(first.id(), "COMPLETED", SETTLE);
        Reply late = api.createPayout(key, bankPayee, "21.00", "NPP", "Replay 1");
        assertThat(late.status()).isEqualTo(202);
        assertThat(late.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(late.body().path("status").asText()).as("a replay shows the payout as it is now").isEqualTo("COMPLETED");
        assertThat(api.countPayouts(customer)).isEqualTo(1);
        assertThat(sandbox.executeCalls(done.path("monoovaReference").asText())).isEqualTo(1);
    }

    @Test
    void the_same_key_with_a_different_body_is_a_conflict_and_changes_nothing() {
        String key = "api-conflict-" + UUID.randomUUID();
        Reply first = api.createPayout(key, bankPayee, "22.00", "NPP", "Conflict 1");
        assertThat(first.status()).isEqualTo(202);

        for (Reply r : List.of(
                api.createPayout(key, bankPayee, "22.01", "NPP", "Conflict 1"),
                api.createPayout(key, bankPayee, "22.00", "NPP", "Conflict 2"),
                api.createPayout(key, bankPayee, "22.00", "NPP", null),
                api.createPayout(key, payIdPayee, "22.00", "NPP", "Conflict 1"),
                api.createPayout(key, bankPayee, "22.00", "DE", "Conflict 1"))) {
            assertProblem(r, 409, null);
            assertThat(r.header("Idempotent-Replayed")).isNull();
        }

        JsonNode stored = api.payout(first.id());
        assertThat(stored.path("amount").asText()).isEqualTo("22.00");
        assertThat(stored.path("reference").asText()).isEqualTo("Conflict 1");
        assertThat(api.countPayouts(customer)).isEqualTo(1);
    }

    @Test
    void concurrent_identical_requests_create_one_payout_and_one_monoova_execute() throws Exception {
        String key = "api-race-" + UUID.randomUUID();
        int threads = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                PayoutsClient client = new PayoutsClient("http://localhost:" + port);
                Callable<Reply> call = () -> {
                    go.await();
                    return client.createPayout(key, bankPayee, "23.00", "NPP", "Race 1");
                };
                futures.add(pool.submit(call));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : futures) {
                replies.add(f.get(60, TimeUnit.SECONDS));
            }

            assertThat(replies).extracting(Reply::status).containsOnly(202);
            assertThat(replies).extracting(Reply::id).containsOnly(PayoutIds.fromIdempotencyKey(key));
            assertThat(replies.stream().filter(r -> r.header("Idempotent-Replayed") == null).count())
                    .as("exactly one request created the payout")
                    .isEqualTo(1);
            JsonNode done = api.awaitStatus(replies.get(0).id(), "COMPLETED", SETTLE);
            assertThat(api.countPayouts(customer)).isEqualTo(1);
            String ref = done.path("monoovaReference").asText();
            assertThat(sandbox.executeCalls(ref)).isEqualTo(1);
            assertThat(done.path("submitAttempts").asInt()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- listing ----

    @Test
    void listing_visits_every_payout_of_a_customer_once_newest_first_page_by_page() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Reply r = api.createPayout("api-list-" + UUID.randomUUID(), bankPayee, "3" + i + ".00", "NPP",
                    i == 3 ? "List SBX-REJECT" : "List " + i);
            assertThat(r.status()).as(r.raw()).isEqualTo(202);
            created.add(r.id());
        }

        List<String> seen = new ArrayList<>();
        List<Instant> createdAt = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.listPayouts("customerId=" + customer + "&limit=3"
                    + (cursor == null ? "" : "&cursor=" + PayoutsClient.encode(cursor)));
            pageSizes.add(page.path("items").size());
            page.path("items").forEach(p -> {
                seen.add(p.path("id").asText());
                createdAt.add(Instant.parse(p.path("createdAt").asText()));
                assertThat(p.path("customerId").asText()).isEqualTo(customer);
            });
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null && seen.size() < 100);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(seen).as("newest first").containsExactlyElementsOf(reversed(created));
        for (int i = 1; i < createdAt.size(); i++) {
            assertThat(createdAt.get(i)).isBeforeOrEqualTo(createdAt.get(i - 1));
        }

        for (String id : created) {
            api.awaitPayout(id, SETTLE, PayoutsClient.SETTLED::contains);
        }
        JsonNode failed = api.listPayouts("customerId=" + customer + "&status=FAILED");
        assertThat(failed.path("items").findValuesAsText("id")).containsExactly(created.get(3));
        JsonNode completed = api.listPayouts("customerId=" + customer + "&status=COMPLETED&limit=100");
        assertThat(completed.path("items").findValuesAsText("status")).hasSize(6).containsOnly("COMPLETED");
        assertThat(completed.path("nextCursor").isNull() || completed.path("nextCursor").isMissingNode()).isTrue();
        assertThat(api.listPayouts("customerId=nobody-" + UUID.randomUUID()).path("items")).isEmpty();
    }

    @Test
    void listing_without_a_customer_pages_through_all_payouts_without_repeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.listPayouts("limit=7" + (cursor == null ? "" : "&cursor=" + PayoutsClient.encode(cursor)));
            page.path("items").forEach(p -> seen.add(p.path("id").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null && ++pages < 1000);
        assertThat(seen).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void listing_parameters_are_taken_from_the_query_string_only_never_from_request_headers() {
        for (int i = 0; i < 3; i++) {
            Reply r = api.createPayout("api-hdr-" + UUID.randomUUID(), bankPayee, "4" + i + ".00", "NPP",
                    i == 0 ? "Hdr SBX-REJECT" : "Hdr " + i);
            api.awaitPayout(r.id(), SETTLE, PayoutsClient.SETTLED::contains);
        }
        String query = "/v1/payouts?customerId=" + customer;
        List<String> expected = api.get(query).body().path("items").findValuesAsText("id");
        assertThat(expected).hasSize(3);

        for (Map<String, String> headers : List.of(
                Map.of("limit", "1"),
                Map.of("limit", "0"),
                Map.of("limit", "abc"),
                Map.of("limit", "1000"),
                Map.of("status", "FAILED"),
                Map.of("status", "BOGUS"),
                Map.of("cursor", "garbage"),
                Map.of("customerId", "someone-else"))) {
            Reply r = api.get(query, headers);
            assertThat(r.status()).as("%s -> %s", headers, r.raw()).isEqualTo(200);
            assertThat(r.body().path("items").findValuesAsText("id")).as("with header %s", headers).isEqualTo(expected);
        }
    }

    @Test
    void bad_listing_parameters_are_refused_naming_them() {
        assertProblem(api.get("/v1/payouts?cursor=not-a-cursor"), 400, "cursor");
        assertProblem(api.get("/v1/payouts?cursor=" + PayoutsClient.encode("bm90IGEgY3Vyc29y")), 400, "cursor");
        assertProblem(api.get("/v1/payouts?limit=0"), 400, "limit");
        assertProblem(api.get("/v1/payouts?limit=101"), 400, "limit");
        assertProblem(api.get("/v1/payouts?limit=ten"), 400, "limit");
        assertProblem(api.get("/v1/payouts?status=DONE"), 400, "status");
        assertProblem(api.get("/v1/payouts?customerId=" + PayoutsClient.encode("a b")), 400, "customerId");
    }

    // ---- payees ----

    @Test
    void a_bank_account_payee_is_stored_and_shown_masked_only() {
        String account = "98765" + PayoutScenariosIT.randomDigits(4);
        Reply r = api.createBankPayee(customer, "Robert Example", "083-170", account);

        assertThat(r.header("Location")).isEqualTo("/v1/payees/" + r.id());
        assertThat(r.id()).matches("pe_[a-z2-7]{26}");
        JsonNode p = r.body();
        assertThat(p.path("type").asText()).isEqualTo("BANK_ACCOUNT");
        assertThat(p.path("customerId").asText()).isEqualTo(customer);
        assertThat(p.path("accountNumber").asText())
                .matches("\\*+[0-9]{4}")
                .endsWith(account.substring(account.length() - 4));
        assertThat(p.path("bsb").asText()).isNotEqualTo("083-170").doesNotContain("083");
        assertThat(p.path("accountName").asText()).isNotEqualTo("Robert Example").doesNotContain("Robert", "Example");
        assertThat(r.raw()).doesNotContain(account, "Robert", "083-170", "083170");

        Reply got = api.get("/v1/payees/" + r.id());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(p);
        assertThat(got.raw()).doesNotContain(account, "Robert");
    }

    @Test
    void a_payid_payee_is_stored_and_shown_masked_only() {
        String local = "payid" + PayoutScenariosIT.randomDigits(6);
        Reply r = api.createPayIdPayee(customer, "Alice Sample", "Email", local + "@example.com");

        JsonNode p = r.body();
        assertThat(r.header("Location")).isEqualTo("/v1/payees/" + r.id());
        assertThat(p.path("type").asText()).isEqualTo("PAYID");
        assertThat(p.path("payIdType").asText()).isEqualTo("Email");
        assertThat(p.path("payId").asText()).isNotBlank().doesNotContain(local);
        assertThat(p.has("bsb")).isFalse();
        assertThat(p.has("accountNumber")).isFalse();
        assertThat(r.raw()).doesNotContain(local, "Alice", "Sample");
        assertThat(api.get("/v1/payees/" + r.id()).body()).isEqualTo(p);
    }

    static Stream<Arguments> refusedPayees() {
        return Stream.of(
                        new Refusal("missing accountName", "{\"customerId\":\"C\",\"type\":\"BANK_ACCOUNT\",\"bsb\":\"062-000\",\"accountNumber\":\"12345678\"}",
                                "application/json", false, 400, "accountName"),
                        new Refusal("missing customerId", "{\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Jane Citizen\",\"bsb\":\"062-000\",\"accountNumber\":\"12345678\"}",
                                "application/json", false, 400, "customerId"),
                        new Refusal("unknown type", "{\"customerId\":\"C\",\"type\":\"CHEQUE\",\"accountName\":\"Jane Citizen\"}",
                                "application/json", false, 400, "type"),
                        new Refusal("bsb of five digits", "{\"customerId\":\"C\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Jane Citizen\",\"bsb\":\"062-00\",\"accountNumber\":\"12345678\"}",
                                "application/json", false, 400, "bsb"),
                        new Refusal("missing bsb", "{\"customerId\":\"C\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Jane Citizen\",\"accountNumber\":\"12345678\"}",
                                "application/json", false, 400, "bsb"),
                        new Refusal("account number with letters", "{\"customerId\":\"C\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Jane Citizen\",\"bsb\":\"062-000\",\"accountNumber\":\"1234ABC8\"}",
                                "application/json", false, 400, "accountNumber"),
                        new Refusal("account number of 29 digits", "{\"customerId\":\"C\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Jane Citizen\",\"bsb\":\"062-000\",\"accountNumber\":\"" + "1".repeat(29) + "\"}",
                                "application/json", false, 400, "accountNumber"),
                        new Refusal("PayID fields on a bank account", "{\"customerId\":\"C\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Jane Citizen\",\"bsb\":\"062-000\",\"accountNumber\":\"12345678\",\"payId\":\"jane@example.com\"}",
                                "application/json", false, 400, "payId"),
                        new Refusal("bank fields on a PayID", "{\"customerId\":\"C\",\"type\":\"PAYID\",\"accountName\":\"Jane Citizen\",\"payIdType\":\"Email\",\"payId\":\"jane@example.com\",\"bsb\":\"062-000\"}",
                                "application/json", false, 400, "bsb"),
                        new Refusal("PayID without payId", "{\"customerId\":\"C\",\"type\":\"PAYID\",\"accountName\":\"Jane Citizen\",\"payIdType\":\"Email\"}",
                                "application/json", false, 400, "payId"),
                        new Refusal("e-mail PayID that is not an address", "{\"customerId\":\"C\",\"type\":\"PAYID\",\"accountName\":\"Jane Citizen\",\"payIdType\":\"Email\",\"payId\":\"not-an-email\"}",
                                "application/json", false, 400, "payId"),
                        new Refusal("unknown payIdType", "{\"customerId\":\"C\",\"type\":\"PAYID\",\"accountName\":\"Jane Citizen\",\"payIdType\":\"Twitter\",\"payId\":\"@jane\"}",
                                "application/json", false, 400, "payIdType"),
                        new Refusal("extra property", "{\"customerId\":\"C\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Jane Citizen\",\"bsb\":\"062-000\",\"accountNumber\":\"12345678\",\"nickname\":\"J\"}",
                                "application/json", false, 400, "nickname"),
                        new Refusal("malformed JSON", "{\"customerId\":", "application/json", false, 400, "body"),
                        new Refusal("wrong content type", "customerId=C", "text/plain", false, 415, null))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPayees")
    void an_invalid_payee_is_refused_naming_the_field(Refusal refusal) {
        Reply r = api.post("/v1/payees", refusal.contentType(),
                refusal.body().replace("\"C\"", "\"" + customer + "\"").getBytes(StandardCharsets.UTF_8), Map.of());
        assertProblem(r, refusal.status(), refusal.field());
        assertThat(r.raw()).doesNotContain("12345678", "jane@example.com", "Jane Citizen");
    }

    /** Spring MVC refuses these before any route runs; they are still our problem+json, with our types. */
    @Test
    void a_post_without_content_type_gets_our_unsupported_media_type_problem_and_stores_nothing() {
        int before = api.countPayouts(customer);
        Reply payout = api.post("/v1/payouts", null, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Idempotency-Key", "api-no-ct-" + UUID.randomUUID()));
        assertProblem(payout, 415, null);
        assertThat(payout.body().path("type").asText()).isEqualTo("/problems/unsupported-media-type");
        assertThat(api.countPayouts(customer)).isEqualTo(before);

        Reply reconciliation = api.post("/v1/reconciliation/runs", null, new byte[0], Map.of());
        assertProblem(reconciliation, 415, null);
        assertThat(reconciliation.body().path("type").asText()).isEqualTo("/problems/unsupported-media-type");
    }

    @Test
    void an_unknown_payee_is_not_found_and_a_malformed_payee_id_is_a_bad_request() {
        assertProblem(api.get("/v1/payees/pe_" + "b".repeat(26)), 404, null);
        assertProblem(api.get("/v1/payees/pe_TOO-SHORT"), 400, "payeeId");
    }

    // ---- headers ----

    @Test
    void responses_never_echo_request_headers() {
        String secret = "secret-" + UUID.randomUUID();
        String marker = "marker-" + UUID.randomUUID();
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Idempotency-Key", "api-echo-" + UUID.randomUUID());
        sent.put("Authorization", "Bearer " + TestCredentials.BOOTSTRAP_TOKEN);
        sent.put("X-Api-Key", secret);
        sent.put("X-Echo-Marker", marker);
        sent.put("X-Forwarded-For", "10.9.8.7");
        sent.put("Cookie", "session=" + marker);
        String payout = "{\"payeeId\":\"" + bankPayee + "\",\"amount\":\"5.00\",\"currency\":\"AUD\",\"method\":\"NPP\"}";

        List<Reply> replies = new ArrayList<>();
        replies.add(api.post("/v1/payouts", payout, sent)); // 202
        replies.add(api.post("/v1/payouts", payout, sent)); // 202 replayed
        replies.add(api.post("/v1/payouts", payout.replace("5.00", "6.00"), sent)); // 409
        replies.add(api.post("/v1/payouts", "{", sent)); // 400
        replies.add(api.post("/v1/payouts", "text/plain", payout.getBytes(StandardCharsets.UTF_8), sent)); // 415
        replies.add(api.get("/v1/payouts/" + replies.get(0).id(), sent)); // 200
        replies.add(api.get("/v1/payouts?customerId=" + customer, sent)); // 200
        replies.add(api.get("/v1/payouts/po_" + "c".repeat(26), sent)); // 404
        replies.add(api.get("/v1/payees/" + bankPayee, sent)); // 200
        replies.add(api.post("/v1/payees", "{\"customerId\":\"" + customer
                + "\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"Jo Bloggs\",\"bsb\":\"062-000\",\"accountNumber\":\"1234\"}", sent)); // 201
        replies.add(api.post("/webhooks/monoova?event=NppPaymentStatus", "{}", sent)); // 401

        assertThat(replies).extracting(Reply::status).containsExactly(202, 202, 409, 400, 415, 200, 200, 404, 200, 201, 401);
        Set<String> echoed = new HashSet<>(Set.of("idempotency-key", "authorization", "x-api-key", "x-echo-marker", "x-forwarded-for", "cookie"));
        for (Reply r : replies) {
            for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
                assertThat(h.getKey().toLowerCase()).as("header of %s", r.raw()).isNotIn(echoed);
                for (String v : h.getValue()) {
                    assertThat(v).as("header %s", h.getKey())
                            .doesNotContain(marker, "secret-", sent.get("Idempotency-Key"), TestCredentials.BOOTSTRAP_TOKEN);
                }
            }
            assertThat(r.raw()).doesNotContain(marker, "secret-", TestCredentials.BOOTSTRAP_TOKEN);
        }
    }

    // ---- helpers ----

    private static void assertProblem(Reply r, int status, String field) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.raw()).startsWith(PROBLEM);
        JsonNode p = r.body();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("type").asText()).isNotBlank();
        assertThat(p.path("title").asText()).isNotBlank();
        if (field != null) {
            assertThat(p.path("errors").findValuesAsText("field")).as(r.raw()).contains(field);
            p.path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
