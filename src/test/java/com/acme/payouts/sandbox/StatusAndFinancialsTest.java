package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StatusAndFinancialsTest {

    private static final String M_ACCOUNT = "6279059700000001";

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

    @Test
    void pendingStatusUsesTheSpecTextAndNoDates() {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "10.00"), "SBX-PENDING"));

        SandboxClient.Reply reply = client.status(reference);

        assertThat(reply.httpStatus()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("status").asText()).isEqualTo("Ok");
        assertThat(json.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(json.get("transactionStatus").asText()).isEqualTo("Pending");
        assertThat(json.get("uniqueReference").asText()).isEqualTo(reference);
        assertThat(json.get("statusDescription").asText()).isEqualTo(
                "Payment is in progress, please do not resubmit the transaction. "
                        + "Use the /financial/v2/status/ API to check the status at a later time.");
        for (String date : new String[] {"completedDate", "dishonouredDate", "expectedClearanceDateForFunds", "fundsClearedDate"}) {
            assertThat(json.has(date)).as(date).isTrue();
            assertThat(json.get(date).isNull()).as(date).isTrue();
        }
    }

    @Test
    void nppPayoutCompletesAfterTheDelayWithTodaysSydneyDate() {
        String reference = Requests.reference();
        client.execute(Requests.nppPayId(reference, "10.00"));
        assertThat(client.status(reference).json().get("transactionStatus").asText()).isEqualTo("Pending");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(client.status(reference).json().get("transactionStatus").asText()).isEqualTo("Complete"));

        JsonNode json = client.status(reference).json();
        assertThat(LocalDate.parse(json.get("completedDate").asText()))
                .isBetween(LocalDate.now(ZoneId.of("Australia/Sydney")).minusDays(1), LocalDate.now(ZoneId.of("Australia/Sydney")));
        assertThat(json.get("fundsClearedDate").isNull()).isTrue();
        assertThat(sandbox.transaction(reference).orElseThrow().status()).isEqualTo(SandboxTransaction.Status.COMPLETE);
    }

    @Test
    void rejectedStatusHasTheSpecTextAndACompletedDate() {
        String reference = Requests.reference();
        client.execute(Requests.withTrigger(Requests.nppBankAccount(reference, "10.00"), "SBX-REJECT"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(client.status(reference).json().get("transactionStatus").asText()).isEqualTo("Rejected"));

        JsonNode json = client.status(reference).json();
        assertThat(json.get("statusDescription").asText()).isEqualTo("Transaction rejected by banking institution.");
        assertThat(json.get("completedDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void directCreditStaysPendingUntilItsOwnDelay() {
        String reference = Requests.reference();
        client.execute(Requests.directCredit(reference, "10.00"));

        // Well past the NPP delay but before the DE delay
        await().pollDelay(TestSandboxes.NPP_COMPLETION.multipliedBy(2)).atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(client.status(reference).json().get("transactionStatus").asText()).isEqualTo("Pending"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(client.status(reference).json().get("transactionStatus").asText()).isEqualTo("Complete"));
    }

    @Test
    void unknownReferenceIsTransactionNotFound() {
        SandboxClient.Reply reply = client.status("never-executed-" + Requests.reference());

        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.status()).isEqualTo("TransactionNotFound");
        assertThat(reply.json().has("statusDescription")).isTrue();
    }

    @Test
    void referencesWithReservedCharactersAreFoundWhenUrlEncoded() {
        String reference = "payout/2024 #7?x=1+2%" + Requests.reference();
        client.execute(Requests.nppBankAccount(reference, "1.00"));

        SandboxClient.Reply reply = client.status(reference);

        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.json().get("uniqueReference").asText()).isEqualTo(reference);
    }

    @Test
    void financialsCarryTheSpecFields() {
        SandboxClient.Reply reply = client.get("/mAccount/v1/financials/" + M_ACCOUNT);

        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.status()).isEqualTo("Ok");
        JsonNode financials = reply.json().get("financials");
        assertThat(financials.get("accountNumber").asLong()).isEqualTo(Long.parseLong(M_ACCOUNT));
        assertThat(financials.get("clearedFundsOnly").asBoolean()).isFalse();
        assertThat(financials.get("hasSeparateFeeAccount").asBoolean()).isTrue();
        assertThat(financials.get("feeAccountNumber").asText()).hasSize(16);
        assertThat(financials.get("settlementFrequency").asText()).isEqualTo("None");
        for (String field : new String[] {"actualBalance", "availableToDebit", "availableToCredit", "nppBalance", "nppPayoutLimit", "feeAccountActualBalance"}) {
            assertThat(financials.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(financials.get("availableToDebit").decimalValue()).isEqualByComparingTo(sandbox.availableToDebit());
    }

    @Test
    void financialsReflectDebitsFeesAndCreditBacks() {
        try (MonoovaSandbox own = TestSandboxes.start()) {
            SandboxClient ownClient = new SandboxClient(own);
            String rejected = Requests.reference();

            ownClient.execute(Requests.nppBankAccount(Requests.reference(), "100.00"));
            ownClient.execute(Requests.withTrigger(Requests.nppBankAccount(rejected, "30.00"), "SBX-REJECT"));
            JsonNode afterDebits = ownClient.get("/mAccount/v1/financials/" + M_ACCOUNT).json().get("financials");

            assertThat(afterDebits.get("availableToDebit").decimalValue()).isEqualByComparingTo("999870.00");
            assertThat(afterDebits.get("actualBalance").decimalValue()).isEqualByComparingTo("999870.00");
            assertThat(afterDebits.get("feeAccountActualBalance").decimalValue()).isEqualByComparingTo("-0.198");

            await().atMost(Duration.ofSeconds(5)).until(() ->
                    own.transaction(rejected).orElseThrow().status() == SandboxTransaction.Status.REJECTED);
            JsonNode afterRejection = ownClient.get("/mAccount/v1/financials/" + M_ACCOUNT).json().get("financials");

            assertThat(afterRejection.get("availableToDebit").decimalValue()).isEqualByComparingTo("999900.00");
            assertThat(own.totalDebited()).isEqualByComparingTo("100.00");
            assertThat(own.transaction(rejected).orElseThrow().moneyMoved()).isFalse();

            own.credit(new BigDecimal("0.50"));
            assertThat(ownClient.get("/mAccount/v1/financials/" + M_ACCOUNT).json().get("financials").get("availableToDebit").decimalValue())
                    .isEqualByComparingTo("999900.50");
        }
    }

    @Test
    void unknownAccountIsInvalidAccountNumber() {
        SandboxClient.Reply reply = client.get("/mAccount/v1/financials/6279059799999999");

        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.status()).isEqualTo("InvalidAccountNumber");
    }
}
