package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's receiving side and the reports: inbound credits (acquirer settlements) credit the
 * mAccount, add their receivables row and send their webhook in the spec's shape and casing;
 * whitelisting rejections send the rejection webhooks; the delivery report and resend recover lost
 * webhooks; status by date and the statement list the day's payouts; a DE payout can be dishonoured.
 */
class FundingAndReportsTest {

    private static final String TOKEN = "Bearer receiver-secret-123";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TODAY = LocalDate.now(ZoneId.of("Australia/Sydney")).toString();

    private static MonoovaSandbox sandbox;
    private static SandboxClient client;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        sandbox = MonoovaSandbox.start(TestSandboxes.fast().deBatchDelay(Duration.ofMillis(300)).build());
        client = new SandboxClient(sandbox);
        receiver = new WebhookReceiver();
        for (String event : List.of("NPPReceivePayment", "InboundDirectCredit", "InboundDirectCreditRejections",
                "NPPCreditRejections", "DirectEntryDishonour", "NppPaymentStatus")) {
            client.subscribe(event, receiver.url("/webhooks?event=" + event), TOKEN);
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.close();
    }

    private static WebhookReceiver.Received awaitWebhook(String event, java.util.function.Predicate<JsonNode> matching) {
        WebhookReceiver.Received[] found = new WebhookReceiver.Received[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (WebhookReceiver.Received r : receiver.received()) {
                if (r.header("Webhookid") != null && receiverEvent(r).equals(event) && matching.test(r.json())) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static String receiverEvent(WebhookReceiver.Received r) {
        // The subscription URL names the event; the receiver records no path, so the shape tells.
        JsonNode j = r.json();
        if (j.isArray()) {
            return "InboundDirectCreditRejections";
        }
        if (j.has("DirectCreditDetails")) {
            return "InboundDirectCredit";
        }
        if (j.has("reason")) {
            return "NPPCreditRejections";
        }
        if (j.has("PaymentDescription")) {
            return "NPPReceivePayment";
        }
        if (j.has("TransactionReference")) {
            return "DirectEntryDishonour";
        }
        return "NppPaymentStatus";
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    @Test
    void an_npp_settlement_lands_at_once_with_a_string_amount_and_a_report_row() {
        BigDecimal before = sandbox.availableToDebit();
        String id = sandbox.inboundCredit(InboundCredit.settlement("NPP", new BigDecimal("250.10")));

        assertThat(id).matches("N\\d{11}");
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before.add(new BigDecimal("250.10")));
        JsonNode payload = awaitWebhook("NPPReceivePayment", j -> id.equals(j.path("TransactionId").asText())).json();
        assertThat(payload.path("Amount").isTextual()).isTrue();
        assertThat(payload.path("Amount").asText()).isEqualTo("250.1000");
        assertThat(payload.path("DateTime").asText()).matches("\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}:\\d{2} (AM|PM)");
        assertThat(fields(payload)).startsWith("TransactionId", "DateTime", "RemitterName", "Amount")
                .contains("PaymentDescription", "SourceBsb", "EndToEndId", "ReconciliationRuleReference", "ReceiptNumber");

        String csv = client.get("/receivables/v6/report/" + TODAY.replace("-", "") + "000000").text();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("Transaction ID, Batch Id, DateTime, BSB").endsWith("ReconciliationRuleReference");
        assertThat(lines[0].split(", ")).hasSize(29);
        String row = List.of(lines).stream().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
        assertThat(row.split(",", -1)).hasSize(29);
        assertThat(row.split(",", -1)[9]).isEqualTo("NPP");
        assertThat(row.split(",", -1)[10]).isEqualTo("250.10");
    }

    @Test
    void de_credits_land_together_in_the_next_batch_as_one_inbound_direct_credit() {
        String first = sandbox.inboundCredit(InboundCredit.settlement("DE", new BigDecimal("1.00")));
        String second = sandbox.inboundCredit(InboundCredit.settlement("DE", new BigDecimal("2.50")));

        JsonNode batch = awaitWebhook("InboundDirectCredit",
                j -> j.path("DirectCreditDetails").findValuesAsText("TransactionId").contains(first)).json();
        assertThat(fields(batch)).containsExactly("TotalCount", "TotalAmount", "DirectCreditDetails");
        assertThat(batch.path("TotalCount").asInt()).isEqualTo(2);
        assertThat(batch.path("TotalAmount").decimalValue()).isEqualByComparingTo("3.50");
        assertThat(batch.path("DirectCreditDetails").findValuesAsText("TransactionId")).containsExactly(first, second);
        JsonNode item = batch.path("DirectCreditDetails").get(0);
        assertThat(item.path("TransactionId").asText()).hasSize(12).startsWith("D");
        assertThat(item.path("Amount").isNumber()).isTrue();
        assertThat(item.path("TransactionCode").asText()).isEqualTo("50");
        assertThat(item.path("DateTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
        assertThat(item.path("BatchId").asText()).isEqualTo(batch.path("DirectCreditDetails").get(1).path("BatchId").asText());

        String csv = client.get("/receivables/v6/report/" + TODAY.replace("-", "") + "000000?endDate="
                + TODAY.replace("-", "") + "235959").text();
        assertThat(csv).contains(first + "," + item.path("BatchId").asText() + ",").contains(second + ",");
    }

    @Test
    void whitelisting_rejections_are_never_credited_and_send_the_camel_case_rejection_webhooks() {
        BigDecimal before = sandbox.availableToDebit();
        String npp = sandbox.inboundCredit(InboundCredit.settlement("NPP", new BigDecimal("9.00")).rejectedByWhitelist());
        String de = sandbox.inboundCredit(InboundCredit.settlement("DE", new BigDecimal("8.00")).rejectedByWhitelist());

        JsonNode nppRejection = awaitWebhook("NPPCreditRejections", j -> npp.equals(j.path("id").asText())).json();
        assertThat(nppRejection.isObject()).isTrue();
        assertThat(fields(nppRejection)).startsWith("id", "batchId", "dateTime", "bsb").contains("transactionType", "reason");
        assertThat(nppRejection.path("transactionType").asText()).isEqualTo("NPP");
        assertThat(nppRejection.path("reason").asText()).isEqualTo("Non Whitelisted Source Account");
        JsonNode deRejections = awaitWebhook("InboundDirectCreditRejections",
                j -> j.findValuesAsText("id").contains(de)).json();
        assertThat(deRejections.isArray()).isTrue();
        assertThat(deRejections.get(0).path("transactionType").asText()).isEqualTo("DE");
        assertThat(deRejections.get(0).path("amount").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before);
        assertThat(client.get("/receivables/v6/report/" + TODAY.replace("-", "") + "000000").text()).doesNotContain(",9.00,", ",8.00,");
    }

    @Test
    void a_lost_webhook_is_listed_as_error_in_the_delivery_report_and_resend_delivers_it() {
        String id = sandbox.inboundCredit(InboundCredit.settlement("NPP", new BigDecimal("3.21")).withWebhook("LOST"));

        JsonNode[] line = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode n : client.get("/subscriptions/v1/report/" + TODAY).json().path("notifications")) {
                if (n.path("eventName").asText().equals("NPPReceivePayment") && n.path("retryCount").asInt() == 1
                        && receiver.received().stream().noneMatch(r -> r.header("Webhookid").equals(n.path("webhookId").asText()))) {
                    line[0] = n;
                }
            }
            return line[0] != null && line[0].path("status").asText().equals("Error");
        });
        assertThat(fields(line[0])).containsExactly("dateTime", "eventName", "lastResponseCode", "lastRetryDateTime", "retryCount",
                "status", "url", "webhookId");
        assertThat(line[0].path("dateTime").asText()).matches("\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}:\\d{2} (AM|PM)");
        long webhookId = line[0].path("webhookId").asLong();
        assertThat(receiver.received()).noneMatch(r -> r.json().path("TransactionId").asText().equals(id));

        assertThat(client.post("/subscriptions/v2/resend/" + webhookId, "").status()).isEqualTo("Ok");
        WebhookReceiver.Received resent = awaitWebhook("NPPReceivePayment", j -> id.equals(j.path("TransactionId").asText()));
        assertThat(resent.webhookId()).isEqualTo(webhookId);
        assertThat(resent.header("Verification-Signature")).isNotBlank();
        await().atMost(WAIT).until(() -> client.get("/subscriptions/v1/report/" + TODAY).json().path("notifications")
                .findParents("webhookId").stream()
                .anyMatch(n -> n.path("webhookId").asLong() == webhookId && n.path("status").asText().equals("Sent")));
        assertThat(client.post("/subscriptions/v2/resend/999999999", "").status()).isEqualTo("WebhookNotFound");
    }

    @Test
    void status_by_date_and_the_statement_list_the_days_payouts() {
        String reference = Requests.reference();
        client.execute(Requests.nppBankAccount(reference, "15.55"));
        await().atMost(WAIT).until(() -> sandbox.transaction(reference).orElseThrow().status() == SandboxTransaction.Status.COMPLETE);

        JsonNode statuses = client.get("/financial/v2/status/" + TODAY + "/" + TODAY).json();
        JsonNode mine = statuses.path("statuses").findParents("uniqueReference").stream()
                .filter(s -> reference.equals(s.path("uniqueReference").asText())).findFirst().orElseThrow();
        assertThat(mine.path("transactionStatus").asText()).isEqualTo("Complete");
        assertThat(fields(mine)).contains("completedDate", "statusDescription", "dishonouredDate", "waitingOnClearedFundsDate");

        JsonNode statement = client.get("/reports/v1/statement/" + TODAY).json();
        JsonNode line = statement.path("transactions").findParents("uniqueReferenced").stream()
                .filter(t -> reference.equals(t.path("uniqueReferenced").asText())).findFirst().orElseThrow();
        assertThat(line.path("status").asText()).isEqualTo("OK");
        assertThat(line.path("totalAmount").decimalValue()).isEqualByComparingTo("15.55");
        assertThat(line.path("feeAmountIncludingGst").decimalValue()).isEqualByComparingTo("0.099");
        assertThat(client.get("/financial/v2/status/2026-13-01/" + TODAY).status()).isEqualTo("InvalidDate");
    }

    @Test
    void a_de_payout_with_sbx_dishon_is_dishonoured_with_a_type_credit_webhook_and_its_money_back() {
        String reference = Requests.reference();
        BigDecimal before = sandbox.availableToDebit();
        client.execute(Requests.withTrigger(Requests.directCredit(reference, "7.00"), "SBX-DISHON"));

        JsonNode dishonour = awaitWebhook("DirectEntryDishonour", j -> reference.equals(j.path("TransactionReference").asText())).json();
        assertThat(fields(dishonour)).containsExactly("ReturnDate", "Amount", "BankDetails", "Type", "ReturnReason",
                "TransactionDate", "OriginalTransactionId", "TransactionReference");
        assertThat(dishonour.path("Type").asText()).isEqualTo("Credit");
        assertThat(fields(dishonour.path("BankDetails"))).containsExactly("Bsb", "AccountNumber", "AccountName", "Token");
        assertThat(dishonour.path("OriginalTransactionId").asInt()).isEqualTo(sandbox.transaction(reference).orElseThrow().transactionId());
        assertThat(sandbox.transaction(reference).orElseThrow().returned()).isTrue();
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before);
    }

    @Test
    void sbx_st_500_makes_the_status_endpoint_fail_for_that_reference_only() {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "1.00"), "SBX-ST-500"));
        SandboxClient.Reply reply = client.status(reference);
        assertThat(reply.httpStatus()).isEqualTo(500);
        assertThat(reply.status()).isEqualTo("InternalServerError");
    }

    @Test
    void any_event_can_be_emitted_signed_to_its_subscribers() {
        List<Long> ids = sandbox.emitWebhook("DirectEntryDishonour", java.util.Map.of("Type", "Debit", "TransactionReference", "DD-1"));
        assertThat(ids).hasSize(1);
        WebhookReceiver.Received r = awaitWebhook("DirectEntryDishonour", j -> "DD-1".equals(j.path("TransactionReference").asText()));
        assertThat(r.webhookId()).isEqualTo(ids.get(0));
        assertThat(client.post("/sandbox/v1/webhooks/emit", "{\"eventName\":\"Nope\",\"payload\":{}}").status()).isEqualTo("InvalidEventName");
    }
}
