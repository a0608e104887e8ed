package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient;
import com.acme.payouts.support.TestCredentials;
import com.acme.payouts.support.TestJwts;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.acme.payouts.support.Queues;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Payee details (account number, account name, PayID) are personal data: they may exist in clear
 * only in the request that registers them and in the one execute call to Monoova. Credentials (API
 * key secrets, bearer tokens, JWTs) exist in clear only in the caller's hands and, for an API key,
 * in the one response that issues it. This test pays payees with unique "canary" values through every
 * path, calling with a canary API key and a canary JWT and refused with canary bearer tokens, then
 * scans everything the service wrote or said for them in plain text: the data directory (H2 store,
 * queue store, key files), every message on every queue, the log output and every API response. Each
 * scanner is proved able to see a planted or known value, so a scanner that silently sees nothing
 * fails the test.
 */
@ExtendWith(OutputCaptureExtension.class)
class CanaryIT extends EmbeddedDefaultTest {

    private static final Duration SETTLE = Duration.ofSeconds(40);
    private static final List<Charset> ENCODINGS =
            List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);

    @Autowired
    private SqsClient sqsClient;

    @Autowired
    private JdbcTemplate jdbc;

    @Value("${monoova.webhook-token}")
    private String token;

    /** Pays as the canary API key. */
    private PayoutsClient payer;

    @Test
    void payee_details_never_appear_in_plain_text_in_files_queues_logs_or_responses(CapturedOutput output)
            throws IOException {
        Queues queues = new Queues(sqsClient);
        String customer = "c-canary-" + UUID.randomUUID().toString().substring(0, 8);
        String accountNumber = "9" + digits(8);
        String firstName = "Cnry" + letters(8);
        String lastName = "Kanari" + letters(8);
        String accountName = firstName + " " + lastName;
        String emailLocal = "canary" + letters(10);
        String email = emailLocal + "@example.com";
        Map<String, String> canaries = new LinkedHashMap<>();
        canaries.put("account number", accountNumber);
        canaries.put("account name", accountName);
        canaries.put("first name", firstName);
        canaries.put("last name", lastName);
        canaries.put("email", email);
        canaries.put("email local part", emailLocal);

        // -- credentials: an API key (its token is shown once, in the response that issues it), a JWT,
        // and bearer tokens the service must refuse without repeating them anywhere --
        Reply issued = api.post("/v1/api-keys", "{\"name\":\"canary app\",\"roles\":[\"payee:write\",\"payee:read\","
                + "\"payout:create\",\"payout:read\"]}", Map.of());
        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        String apiKeyToken = issued.body().path("token").asText();
        String apiKeySecret = apiKeyToken.substring("pk_".length() + 16 + 1);
        String jwt = TestJwts.shared().token("canary-user", List.of("payout:read", "payee:read"), List.of());
        String refusedBearer = "canary-bearer-" + letters(24);
        String forgedJwt = TestJwts.shared().forged("canary-forger", List.of("ops"));
        canaries.put("API key token", apiKeyToken);
        canaries.put("API key secret", apiKeySecret);
        canaries.put("JWT", jwt);
        canaries.put("JWT signature", jwt.substring(jwt.lastIndexOf('.') + 1));
        canaries.put("refused bearer token", refusedBearer);
        canaries.put("forged JWT", forgedJwt);
        canaries.put("bootstrap token", TestCredentials.BOOTSTRAP_TOKEN);
        PayoutsClient asKey = api.as(apiKeyToken);
        payer = asKey;

        // -- exercise every path a payee's details can travel --
        String bank = asKey.createBankPayee(customer, accountName, "062-000", accountNumber).id();
        String payId = api.createPayIdPayee(customer, accountName, "Email", email).id();
        List<String> payouts = new ArrayList<>();
        payouts.add(pay(bank, "61.00", "NPP", "Canary 1", "COMPLETED"));
        payouts.add(pay(payId, "62.00", "NPP", "Canary 2", "COMPLETED"));
        payouts.add(pay(bank, "63.00", "DE", "Canary 3", "COMPLETED"));
        payouts.add(pay(payId, "64.00", "NPP", "Canary SBX-REJECT", "FAILED"));
        payouts.add(pay(bank, "65.00", "NPP", "Canary SBX-500C", "COMPLETED"));
        asKey.get("/v1/payees/" + bank);
        api.as(jwt).get("/v1/payees/" + payId);
        // -- the payee lifecycle: registered again, a new version (a second canary account), listing, a
        // refused closed BSB, a key rotation, and a delete (crypto-shredding) --
        String newAccount = "8" + digits(8);
        canaries.put("second account number", newAccount);
        assertThat(asKey.createBankPayee(customer, accountName, "062000", accountNumber).id()).isEqualTo(bank);
        Reply changed = asKey.put("/v1/payees/" + bank, "{\"type\":\"BANK_ACCOUNT\",\"accountName\":\"" + accountName
                + "\",\"bsb\":\"082-001\",\"accountNumber\":\"" + newAccount + "\"}");
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        payouts.add(pay(bank, "66.00", "NPP", "Canary 6", "COMPLETED"));
        api.as(jwt).get("/v1/payees?customerId=" + customer);
        Reply closedBsb = asKey.post("/v1/payees", "{\"customerId\":\"" + customer + "\",\"type\":\"BANK_ACCOUNT\","
                + "\"accountName\":\"" + accountName + "\",\"bsb\":\"062-999\",\"accountNumber\":\"" + accountNumber + "\"}",
                Map.of());
        assertThat(closedBsb.status()).isEqualTo(400);
        Reply rotation = api.post("/v1/ops/payee-key-rotations", null, new byte[0], Map.of());
        assertThat(rotation.status()).as(rotation.raw()).isEqualTo(202);
        for (int i = 0; i < 300 && api.get("/v1/ops/payee-key-rotations/" + rotation.id()).body().path("state").asText()
                .equals("RUNNING"); i++) {
            sleep(100);
        }
        assertThat(api.get("/v1/ops/payee-key-rotations/" + rotation.id()).body().path("state").asText()).isEqualTo("COMPLETED");
        assertThat(asKey.delete("/v1/payees/" + payId).status()).isEqualTo(204);
        api.as(jwt).listPayouts("customerId=" + customer);
        assertThat(api.as(refusedBearer).get("/v1/payouts").status()).isEqualTo(401);
        assertThat(api.as(forgedJwt).get("/v1/payouts").status()).isEqualTo(401);
        assertThat(api.as(apiKeyToken + "x").post("/v1/payees", "{}", Map.of()).status()).isEqualTo(401);
        assertThat(api.get("/v1/audit?entity=payee:" + bank).status()).isEqualTo(200);
        // Refused inputs that carry the canary must not echo it either.
        Reply badPayee = api.post("/v1/payees", "{\"customerId\":\"" + customer + "\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\""
                + accountName + "\",\"bsb\":\"062-00\",\"accountNumber\":\"" + accountNumber + "X\"}", Map.of());
        assertThat(badPayee.status()).isEqualTo(400);
        Reply badEmail = api.post("/v1/payees", "{\"customerId\":\"" + customer + "\",\"type\":\"PAYID\",\"accountName\":\""
                + accountName + "\",\"payIdType\":\"PhoneNumber\",\"payId\":\"" + email + "\"}", Map.of());
        assertThat(badEmail.status()).isEqualTo(400);
        // A forged webhook full of the canary values.
        String forged = "{\"UniqueReference\":\"payout-" + payouts.get(0) + "\",\"Status\":\"Rejected\",\"Amount\":61.00,"
                + "\"Bsb\":\"062-000\",\"AccountNumber\":\"" + accountNumber + "\",\"AccountName\":\"" + accountName
                + "\",\"PayId\":\"" + email + "\",\"PayIdType\":\"Email\",\"RemitterName\":\"" + accountName + "\"}";
        for (Map<String, String> headers : List.of(
                Map.of("Authorization", token, "Verification-Signature", "AAAA", "Webhookid", "1"),
                Map.<String, String>of(),
                Map.of("Authorization", accountName, "Verification-Signature", email))) {
            Reply r = api.post("/webhooks/monoova?event=NppPaymentStatus", forged, headers);
            assertThat(r.status()).isEqualTo(401);
        }
        // A refused queue message: proves the queue scan reads dead-letter queues.
        String probe = "probe-" + UUID.randomUUID();
        queues.send(Queues.PAYOUT_REQUESTS, "not a payout request " + probe);
        queues.awaitMessage(Queues.PAYOUT_REQUESTS_DLQ, m -> m.body().contains(probe), SETTLE);
        for (String q : List.of(Queues.PAYOUT_REQUESTS, Queues.PAYOUT_SUBMISSIONS, Queues.WEBHOOKS)) {
            queues.awaitDrained(q, SETTLE);
        }
        jdbc.execute("CHECKPOINT SYNC");

        // -- scan --
        List<String> found = new ArrayList<>();

        // 1. Every file under the data directory, with control files planted in the same walk.
        Path controlUtf8 = EmbeddedDefaultTest.DATA_DIR.resolve("canary-control-utf8.txt");
        Path controlUtf16 = EmbeddedDefaultTest.DATA_DIR.resolve("canary-control-utf16.txt");
        Files.writeString(controlUtf8, "control " + accountNumber + " " + email, StandardCharsets.UTF_8);
        Files.writeString(controlUtf16, "control " + accountName, StandardCharsets.UTF_16LE);
        int filesScanned = 0;
        List<String> controlHits = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(EmbeddedDefaultTest.DATA_DIR)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException vanished) {
                    continue; // a lock or temp file that went away while walking
                }
                filesScanned++;
                List<String> hits = hits(bytes, canaries);
                if (file.equals(controlUtf8) || file.equals(controlUtf16)) {
                    controlHits.addAll(hits);
                } else {
                    hits.forEach(h -> found.add("file " + EmbeddedDefaultTest.DATA_DIR.relativize(file) + ": " + h));
                }
            }
        } finally {
            Files.deleteIfExists(controlUtf8);
            Files.deleteIfExists(controlUtf16);
        }
        assertThat(controlHits)
                .as("the file scan finds the canary in the control files (UTF-8 and UTF-16)")
                .contains("account number (UTF-8)", "email (UTF-8)", "account name (UTF-16LE)");
        assertThat(filesScanned).as("files under %s", EmbeddedDefaultTest.DATA_DIR).isGreaterThan(3);

        // 2. Every message on every queue, bodies and attributes.
        boolean probeSeen = false;
        for (String q : Queues.ALL) {
            for (Message m : queues.peek(q)) {
                StringBuilder text = new StringBuilder(m.body());
                m.messageAttributes().forEach((k, v) -> text.append('\n').append(k).append('=').append(v.stringValue()));
                probeSeen |= q.equals(Queues.PAYOUT_REQUESTS_DLQ) && m.body().contains(probe);
                hits(text.toString().getBytes(StandardCharsets.UTF_8), canaries).forEach(h -> found.add("queue " + q + ": " + h));
            }
        }
        assertThat(probeSeen).as("the queue scan sees the dead-lettered probe").isTrue();

        // 3. The log output of everything above.
        String logs = output.getAll();
        assertThat(logs)
                .as("log capture works although the application started before this test")
                .contains("payee " + bank + " registered")
                .contains(payouts.get(0));
        hits(logs.getBytes(StandardCharsets.UTF_8), canaries).forEach(h -> found.add("log output: " + h));

        // 4. Every API response this test received, headers included.
        List<Reply> transcript = api.transcript();
        assertThat(transcript).hasSizeGreaterThan(20);
        assertThat(transcript.stream().map(Reply::raw))
                .as("the response scan sees masked payee values")
                .anyMatch(raw -> raw.contains(accountNumber.substring(5)));
        for (Reply r : transcript) {
            if (r == issued) {
                // The one response that may carry the key's token: it issues it.
                assertThat(r.raw()).contains(apiKeyToken);
                continue;
            }
            StringBuilder text = new StringBuilder(r.raw());
            r.headers().forEach((k, v) -> text.append('\n').append(k).append(": ").append(String.join(",", v)));
            hits(text.toString().getBytes(StandardCharsets.UTF_8), canaries)
                    .forEach(h -> found.add("response " + r.status() + ": " + h));
        }

        assertThat(found).as("payee details in plain text").isEmpty();
    }

    /** Pays and waits for {@code status}; returns the payout id. */
    private String pay(String payee, String amount, String method, String reference, String status) {
        Reply r = payer.createPayout("canary-" + UUID.randomUUID(), payee, amount, method, reference);
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        JsonNode done = api.awaitPayout(r.id(), SETTLE, s -> s.equals("COMPLETED") || s.equals("FAILED"));
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo(status);
        return r.id();
    }

    /** Which canaries occur in {@code bytes}, and in which encoding. */
    private static List<String> hits(byte[] bytes, Map<String, String> canaries) {
        List<String> hits = new ArrayList<>();
        canaries.forEach((name, value) -> {
            for (Charset cs : ENCODINGS) {
                if (indexOf(bytes, value.getBytes(cs)) >= 0) {
                    hits.add(name + " (" + cs.name() + ")");
                }
            }
        });
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
