package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExecuteTest {

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
    void nppExecuteReturnsTheSpecFieldsAndDebitsExactlyTheAmount() {
        String reference = Requests.reference();
        BigDecimal before = sandbox.availableToDebit();

        SandboxClient.Reply reply = client.execute(Requests.nppBankAccount(reference, "123.45"));

        assertThat(reply.httpStatus()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("status").asText()).isEqualTo("Ok");
        assertThat(json.get("statusDescription").asText()).isEqualTo("Operation completed successfully");
        assertThat(json.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(json.get("transactionId").isInt()).isTrue();
        assertThat(json.get("transactionId").asInt()).isGreaterThanOrEqualTo(1_000_001);
        assertThat(json.get("callerUniqueReference").asText()).isEqualTo(reference);
        assertThat(json.get("feeAmountExcludingGst").decimalValue()).isEqualByComparingTo("0.09");
        assertThat(json.get("feeAmountGstComponent").decimalValue()).isEqualByComparingTo("0.009");
        assertThat(json.get("feeAmountIncludingGst").decimalValue()).isEqualByComparingTo("0.099");
        JsonNode breakdown = json.get("feeBreakdown");
        assertThat(breakdown.get("debitFee").get("feeAmountIncludingGst").decimalValue()).isEqualByComparingTo("0");
        JsonNode disbursementFee = breakdown.get("disbursementFees").get(0);
        assertThat(disbursementFee.get("disbursementArrayIndex").asInt()).isZero();
        assertThat(disbursementFee.get("disbursementFee").get("feeAmountIncludingGst").decimalValue())
                .isEqualByComparingTo("0.099");

        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before.subtract(new BigDecimal("123.45")));
        SandboxTransaction transaction = sandbox.transaction(reference).orElseThrow();
        assertThat(transaction.transactionId()).isEqualTo(json.get("transactionId").asInt());
        assertThat(transaction.amount()).isEqualByComparingTo("123.45");
        assertThat(transaction.disbursementMethod()).isEqualTo("NppCreditBankAccount");
        assertThat(transaction.moneyMoved()).isTrue();
        assertThat(sandbox.executeCalls(reference)).isEqualTo(1);
    }

    @Test
    void directCreditChargesTheDirectEntryFee() {
        SandboxClient.Reply reply = client.execute(Requests.directCredit(Requests.reference(), "10.00"));

        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.json().get("feeAmountExcludingGst").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(reply.json().get("feeAmountGstComponent").decimalValue()).isEqualByComparingTo("0.005");
        assertThat(reply.json().get("feeAmountIncludingGst").decimalValue()).isEqualByComparingTo("0.055");
    }

    @Test
    void transactionIdsIncrease() {
        int first = client.execute(Requests.nppPayId(Requests.reference(), "1.00")).json().get("transactionId").asInt();
        int second = client.execute(Requests.nppPayId(Requests.reference(), "1.00")).json().get("transactionId").asInt();

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void validateStoresNothingAndLeavesTheReferenceUsable() {
        String reference = Requests.reference();
        BigDecimal before = sandbox.availableToDebit();

        SandboxClient.Reply validated = client.validate(Requests.nppBankAccount(reference, "50.00"));

        assertThat(validated.httpStatus()).isEqualTo(200);
        assertThat(validated.json().get("transactionId").asInt()).isZero();
        assertThat(validated.json().get("callerUniqueReference").asText()).isEqualTo(reference);
        assertThat(validated.json().get("feeAmountIncludingGst").decimalValue()).isEqualByComparingTo("0.099");
        assertThat(sandbox.transaction(reference)).isEmpty();
        assertThat(sandbox.executeCalls(reference)).isZero();
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before);
        assertThat(client.status(reference).status()).isEqualTo("TransactionNotFound");

        SandboxClient.Reply executed = client.execute(Requests.nppBankAccount(reference, "50.00"));

        assertThat(executed.httpStatus()).isEqualTo(200);
        assertThat(executed.json().get("transactionId").asInt()).isPositive();
    }

    @Test
    void validateReportsAReferenceThatWasAlreadyExecuted() {
        String reference = Requests.reference();
        client.execute(Requests.nppBankAccount(reference, "5.00"));

        SandboxClient.Reply reply = client.validate(Requests.nppBankAccount(reference, "5.00"));

        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.status()).isEqualTo("DuplicateUniqueReference");
    }

    @Test
    void aRepeatedReferenceNeverMovesMoneyTwice() {
        String reference = Requests.reference();
        SandboxClient.Reply first = client.execute(Requests.nppBankAccount(reference, "40.00"));
        BigDecimal afterFirst = sandbox.availableToDebit();

        SandboxClient.Reply second = client.execute(Requests.nppBankAccount(reference, "40.00"));
        SandboxClient.Reply differentBody = client.execute(Requests.directCredit(reference, "99.00"));

        assertThat(first.httpStatus()).isEqualTo(200);
        for (SandboxClient.Reply duplicate : List.of(second, differentBody)) {
            assertThat(duplicate.httpStatus()).isEqualTo(400);
            assertThat(duplicate.status()).isEqualTo("DuplicateUniqueReference");
            assertThat(duplicate.json().get("transactionId").asInt()).isZero();
            assertThat(duplicate.json().get("callerUniqueReference").asText()).isEqualTo(reference);
        }
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(afterFirst);
        assertThat(sandbox.executeCalls(reference)).isEqualTo(3);
        assertThat(sandbox.transactions().stream().filter(t -> reference.equals(t.uniqueReference()))).hasSize(1);
    }

    @Test
    void twentyConcurrentIdenticalExecutesMoveMoneyOnce() throws Exception {
        String reference = Requests.reference();
        String body = SandboxClient.toJson(Requests.nppBankAccount(reference, "77.00"));
        BigDecimal before = sandbox.availableToDebit();

        List<SandboxClient.Reply> replies = Concurrently.run(20, i -> client.execute(body));

        assertThat(replies.stream().filter(r -> r.httpStatus() == 200)).hasSize(1);
        assertThat(replies.stream().filter(r -> "DuplicateUniqueReference".equals(r.status()))).hasSize(19);
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before.subtract(new BigDecimal("77.00")));
        assertThat(sandbox.executeCalls(reference)).isEqualTo(20);
        assertThat(sandbox.transactions().stream().filter(t -> reference.equals(t.uniqueReference()))).hasSize(1);
    }

    @Test
    void twoHundredConcurrentPayoutsKeepTheLedgerEqualToTheSumOfTransactions() throws Exception {
        try (MonoovaSandbox own = TestSandboxes.start()) {
            SandboxClient ownClient = new SandboxClient(own);
            List<SandboxClient.Reply> replies = Concurrently.run(200, i -> ownClient.execute(
                    i % 3 == 0
                            ? Requests.directCredit(Requests.reference(), "1." + String.format("%02d", i % 100))
                            : Requests.nppBankAccount(Requests.reference(), (i + 1) + ".25")));

            assertThat(replies).allSatisfy(r -> assertThat(r.httpStatus()).isEqualTo(200));
            assertThat(replies.stream().map(r -> r.json().get("transactionId").asInt()).collect(Collectors.toSet()))
                    .hasSize(200);
            BigDecimal sum = own.transactions().stream()
                    .filter(SandboxTransaction::moneyMoved)
                    .map(SandboxTransaction::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(own.transactions()).hasSize(200);
            assertThat(own.totalDebited()).isEqualByComparingTo(sum);
            assertThat(own.availableToDebit()).isEqualByComparingTo(own.config().openingBalance().subtract(sum));
        }
    }

    @Test
    void insufficientFundsMovesNothingAndTheReferenceStaysUsable() {
        try (MonoovaSandbox poor = MonoovaSandbox.start(TestSandboxes.fast().openingBalance(new BigDecimal("50.00")).build())) {
            SandboxClient poorClient = new SandboxClient(poor);
            String reference = Requests.reference();

            SandboxClient.Reply refused = poorClient.execute(Requests.nppBankAccount(reference, "50.01"));

            assertThat(refused.httpStatus()).isEqualTo(400);
            assertThat(refused.status()).isEqualTo("InsufficientFunds");
            assertThat(refused.json().get("transactionId").asInt()).isZero();
            assertThat(poor.availableToDebit()).isEqualByComparingTo("50.00");
            assertThat(poor.transactions()).isEmpty();
            assertThat(poorClient.validate(Requests.nppBankAccount(reference, "50.01")).status()).isEqualTo("InsufficientFunds");

            poor.credit(new BigDecimal("0.01"));
            SandboxClient.Reply accepted = poorClient.execute(Requests.nppBankAccount(reference, "50.01"));

            assertThat(accepted.httpStatus()).isEqualTo(200);
            assertThat(poor.availableToDebit()).isEqualByComparingTo("0.00");
        }
    }

    @Test
    void executeWithoutUniqueReferenceIsAllowedButNotDeduplicated() {
        int before = sandbox.transactions().size();

        SandboxClient.Reply first = client.execute(Requests.nppBankAccount(null, "3.00"));
        SandboxClient.Reply second = client.execute(Requests.nppBankAccount(null, "3.00"));

        assertThat(first.httpStatus()).isEqualTo(200);
        assertThat(second.httpStatus()).isEqualTo(200);
        assertThat(first.json().get("callerUniqueReference").isNull()).isTrue();
        assertThat(sandbox.transactions()).hasSize(before + 2);
    }
}
