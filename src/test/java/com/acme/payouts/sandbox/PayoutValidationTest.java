package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The field rules of {@code financial.transaction}, as valid and invalid vectors. */
class PayoutValidationTest {

    private static final String DE_SPECIALS = "A.(+$*)^[];-/,%_?:#@'=&! 9";

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

    private static Arguments vector(String name, Function<String, ObjectNode> base, Consumer<ObjectNode> edit, String expected) {
        ObjectNode body = base.apply(Requests.reference());
        edit.accept(body);
        return Arguments.of(name, body, expected);
    }

    private static Function<String, ObjectNode> npp() {
        return reference -> Requests.nppBankAccount(reference, "25.00");
    }

    private static Function<String, ObjectNode> payId() {
        return reference -> Requests.nppPayId(reference, "25.00");
    }

    private static Function<String, ObjectNode> de() {
        return reference -> Requests.directCredit(reference, "25.00");
    }

    private static Consumer<ObjectNode> amount(String amount) {
        return body -> {
            Requests.disbursement(body).put("amount", new BigDecimal(amount));
            body.put("totalAmount", new BigDecimal(amount));
        };
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                vector("paymentSource missing", npp(), b -> b.remove("paymentSource"), "InvalidPaymentSource"),
                vector("paymentSource not in enum", npp(), b -> b.put("paymentSource", "cash"), "InvalidPaymentSource"),
                vector("paymentSource mWallet", npp(), b -> b.put("paymentSource", "mWallet"), "UnsupportedPaymentSource"),
                vector("paymentSource directDebit", npp(), b -> b.put("paymentSource", "directDebit"), "UnsupportedPaymentSource"),
                vector("mAccount token 15 chars", npp(), b -> b.putObject("mAccount").put("token", "627905970000000"), "InvalidMAccount"),
                vector("mAccount token of another account", npp(), b -> b.putObject("mAccount").put("token", "6279059799999999"), "InvalidMAccount"),
                vector("totalAmount differs from the sum", npp(), b -> b.put("totalAmount", new BigDecimal("24.99")), "InvalidTotalAmount"),
                vector("totalAmount with 3 decimals", npp(), b -> b.put("totalAmount", new BigDecimal("25.001")), "InvalidTotalAmount"),
                vector("totalAmount as string", npp(), b -> b.put("totalAmount", "25.00"), "InvalidTotalAmount"),
                vector("amount below 0.01", npp(), amount("0.009"), "InvalidAmount"),
                vector("amount zero", npp(), amount("0.00"), "InvalidAmount"),
                vector("amount negative", npp(), amount("-5.00"), "InvalidAmount"),
                vector("amount with 3 decimals", npp(), amount("10.005"), "InvalidAmount"),
                vector("amount as string", npp(), b -> Requests.disbursement(b).put("amount", "25.00"), "InvalidAmount"),
                vector("amount missing", npp(), b -> Requests.disbursement(b).remove("amount"), "InvalidAmount"),
                vector("uniqueReference 201 chars", npp(), b -> b.put("uniqueReference", "r".repeat(201)), "InvalidUniqueReference"),
                vector("uniqueReference empty", npp(), b -> b.put("uniqueReference", ""), "InvalidUniqueReference"),
                vector("uniqueReference a number", npp(), b -> b.put("uniqueReference", 42), "InvalidUniqueReference"),
                vector("description over 500", npp(), b -> b.put("description", "d".repeat(501)), "InvalidDescription"),
                vector("no disbursements", npp(), b -> b.remove("disbursements"), "InvalidDisbursements"),
                vector("two disbursements", npp(), b -> ((com.fasterxml.jackson.databind.node.ArrayNode) b.get("disbursements"))
                        .add(Requests.disbursement(Requests.nppBankAccount("x", "1.00"))), "UnsupportedDisbursementCount"),
                vector("disbursementMethod missing", npp(), b -> Requests.disbursement(b).remove("disbursementMethod"), "InvalidDisbursementMethod"),
                vector("disbursementMethod unknown", npp(), b -> Requests.disbursement(b).put("disbursementMethod", "Wire"), "InvalidDisbursementMethod"),
                vector("disbursementMethod wrong case", npp(), b -> Requests.disbursement(b).put("disbursementMethod", "nppcreditbankaccount"), "InvalidDisbursementMethod"),
                vector("disbursementMethod BPAY", npp(), b -> Requests.disbursement(b).put("disbursementMethod", "BPAY"), "UnsupportedDisbursementMethod"),
                vector("detail object missing", npp(), b -> Requests.disbursement(b).remove("toNppCreditBankAccountDetails"), "InvalidDisbursementDetails"),
                vector("detail object of another method", de(), b -> Requests.disbursement(b).put("disbursementMethod", "NppCreditPayId"), "InvalidDisbursementDetails"),
                vector("bsb without hyphen", npp(), b -> Requests.details(b).put("bsbNumber", "802985"), "InvalidBsbNumber"),
                vector("bsb misplaced hyphen", de(), b -> Requests.details(b).put("bsbNumber", "80-2985"), "InvalidBsbNumber"),
                vector("bsb missing", de(), b -> Requests.details(b).remove("bsbNumber"), "InvalidBsbNumber"),
                vector("sourceAccountBsb malformed", npp(), b -> Requests.disbursement(b).put("sourceAccountBsb", "8029-85"), "InvalidBsbNumber"),
                vector("DE account number 10 chars", de(), b -> Requests.details(b).put("accountNumber", "1234567890"), "InvalidAccountNumber"),
                vector("NPP account number 29 chars", npp(), b -> Requests.details(b).put("accountNumber", "1".repeat(29)), "InvalidAccountNumber"),
                vector("account number with hyphen", npp(), b -> Requests.details(b).put("accountNumber", "1234-5678"), "InvalidAccountNumber"),
                vector("account number as JSON number", de(), b -> Requests.details(b).put("accountNumber", 2681849), "InvalidAccountNumber"),
                vector("account number missing", npp(), b -> Requests.details(b).remove("accountNumber"), "InvalidAccountNumber"),
                vector("DE account name 1 char", de(), b -> Requests.details(b).put("accountName", "J"), "InvalidAccountName"),
                vector("DE account name 33 chars", de(), b -> Requests.details(b).put("accountName", "N".repeat(33)), "InvalidAccountName"),
                vector("DE account name with tilde", de(), b -> Requests.details(b).put("accountName", "Jane~Citizen"), "InvalidAccountName"),
                vector("DE account name with accent", de(), b -> Requests.details(b).put("accountName", "Zoë Citizen"), "InvalidAccountName"),
                vector("DE account name with double quote", de(), b -> Requests.details(b).put("accountName", "Jane \"JC\" Citizen"), "InvalidAccountName"),
                vector("NPP account name 1 char", npp(), b -> Requests.details(b).put("accountName", "J"), "InvalidAccountName"),
                vector("PayID account name missing", payId(), b -> Requests.details(b).remove("accountName"), "InvalidAccountName"),
                vector("DE lodgement reference 19 chars", de(), b -> Requests.disbursement(b).put("lodgementReference", "L".repeat(19)), "InvalidLodgementReference"),
                vector("DE lodgement reference with angle bracket", de(), b -> Requests.disbursement(b).put("lodgementReference", "INV<123>"), "InvalidLodgementReference"),
                vector("NPP lodgement reference 281 chars", npp(), b -> Requests.disbursement(b).put("lodgementReference", "L".repeat(281)), "InvalidLodgementReference"),
                vector("endToEndId 36 chars", npp(), b -> Requests.details(b).put("endToEndId", "E".repeat(36)), "InvalidEndToEndId"),
                vector("remitterName 141 chars", payId(), b -> Requests.details(b).put("remitterName", "R".repeat(141)), "InvalidRemitterName"),
                vector("payId 257 chars", payId(), b -> Requests.details(b).put("payId", "p".repeat(245) + "@example.com"), "InvalidPayId"),
                vector("payId missing", payId(), b -> Requests.details(b).remove("payId"), "InvalidPayId"),
                vector("payIdType lower case", payId(), b -> Requests.details(b).put("payIdType", "email"), "InvalidPayIdType"),
                vector("payIdType unknown", payId(), b -> Requests.details(b).put("payIdType", "Phone"), "InvalidPayIdType"),
                vector("payIdType missing", payId(), b -> Requests.details(b).remove("payIdType"), "InvalidPayIdType"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidRequestsAreRefusedWithTheirCode(String name, ObjectNode body, String expectedStatus) {
        SandboxClient.Reply reply = client.validate(body);

        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.status()).isEqualTo(expectedStatus);
        assertThat(reply.json().get("transactionId").asInt()).isZero();
        assertThat(reply.json().get("durationMs").isIntegralNumber()).isTrue();
        assertNoPersonalData(reply.json().get("statusDescription").asText(), body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void executeRefusesTheSameVectorsAndMovesNothing(String name, ObjectNode body, String expectedStatus) {
        BigDecimal before = sandbox.availableToDebit();
        int transactions = sandbox.transactions().size();

        SandboxClient.Reply reply = client.execute(body);

        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.status()).isEqualTo(expectedStatus);
        assertThat(reply.json().get("transactionId").asInt()).isZero();
        assertThat(sandbox.availableToDebit()).isEqualByComparingTo(before);
        assertThat(sandbox.transactions()).hasSize(transactions);
    }

    static Stream<Arguments> validRequests() {
        return Stream.of(
                vector("NPP bank account as in the spec", npp(), b -> {}, null),
                vector("NPP PayID", payId(), b -> {}, null),
                vector("direct credit", de(), b -> {}, null),
                vector("DE account name with every DE special character", de(), b -> Requests.details(b).put("accountName", DE_SPECIALS), null),
                vector("DE account name of 2 chars", de(), b -> Requests.details(b).put("accountName", "Jo"), null),
                vector("DE account name of 32 chars", de(), b -> Requests.details(b).put("accountName", "N".repeat(32)), null),
                vector("DE lodgement reference of 18 chars", de(), b -> Requests.disbursement(b).put("lodgementReference", "INV-2024/001 #7&=!"), null),
                vector("DE account number of 9 alphanumerics", de(), b -> Requests.details(b).put("accountNumber", "AB1234567"), null),
                vector("NPP account number of 28 chars", npp(), b -> Requests.details(b).put("accountNumber", "1".repeat(28)), null),
                vector("NPP account name outside the DE set", npp(), b -> Requests.details(b).put("accountName", "Zoë \"Ñandú\" O'Brien"), null),
                vector("NPP lodgement reference of 280 chars", npp(), b -> Requests.disbursement(b).put("lodgementReference", "☕".repeat(280)), null),
                vector("endToEndId of 35 chars", npp(), b -> Requests.details(b).put("endToEndId", "E".repeat(35)), null),
                vector("remitterName of 140 chars", npp(), b -> Requests.details(b).put("remitterName", "R".repeat(140)), null),
                vector("payId of 256 chars", payId(), b -> Requests.details(b).put("payId", "p".repeat(244) + "@example.com"), null),
                vector("payIdType ABN", payId(), b -> Requests.details(b).put("payIdType", "ABN").put("payId", "51824753556"), null),
                vector("payIdType PhoneNumber", payId(), b -> Requests.details(b).put("payIdType", "PhoneNumber").put("payId", "+61-412345678"), null),
                vector("payIdType OrganisationId", payId(), b -> Requests.details(b).put("payIdType", "OrganisationId"), null),
                vector("payIdType ACN", payId(), b -> Requests.details(b).put("payIdType", "ACN").put("payId", "004085616"), null),
                vector("amount of 0.01", npp(), amount("0.01"), null),
                vector("amount with one decimal", npp(), amount("10.5"), null),
                vector("amount as integer", npp(), amount("100"), null),
                vector("totalAmount 10.50 equals amount 10.5", npp(), b -> {
                    Requests.disbursement(b).put("amount", new BigDecimal("10.5"));
                    b.put("totalAmount", new BigDecimal("10.50"));
                }, null),
                vector("totalAmount omitted", npp(), b -> b.remove("totalAmount"), null),
                vector("uniqueReference of 200 chars", npp(), b -> b.put("uniqueReference", Requests.reference() + "x".repeat(160)), null),
                vector("uniqueReference omitted", npp(), b -> b.remove("uniqueReference"), null),
                vector("mAccount token of the sandbox account", npp(), b -> b.putObject("mAccount").put("token", "6279059700000001"), null),
                vector("sourceAccount fields", npp(), b -> Requests.disbursement(b).put("sourceAccountBsb", "802-985").put("sourceAccountNumber", "654378888"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void validRequestsPassValidate(String name, ObjectNode body, String ignored) {
        SandboxClient.Reply reply = client.validate(body);

        assertThat(reply.httpStatus()).as(reply.text()).isEqualTo(200);
        assertThat(reply.status()).isEqualTo("Ok");
        assertThat(reply.json().get("transactionId").asInt()).isZero();
    }

    @Test
    void referenceOfAFailedExecuteCanBeUsedAgain() {
        String reference = Requests.reference();
        ObjectNode invalid = Requests.nppBankAccount(reference, "10.00");
        Requests.details(invalid).put("bsbNumber", "802985");
        assertThat(client.execute(invalid).status()).isEqualTo("InvalidBsbNumber");

        SandboxClient.Reply retry = client.execute(Requests.nppBankAccount(reference, "10.00"));

        assertThat(retry.httpStatus()).isEqualTo(200);
        assertThat(sandbox.executeCalls(reference)).isEqualTo(2);
        assertThat(sandbox.transaction(reference)).isPresent();
    }

    @Test
    void validationDescriptionsNameTheFieldButNeverEchoTheValue() {
        ObjectNode body = Requests.directCredit(Requests.reference(), "10.00");
        Requests.details(body).put("accountName", "Secret~Name");

        SandboxClient.Reply reply = client.validate(body);

        assertThat(reply.json().get("statusDescription").asText())
                .contains("toDirectCreditDetails.accountName")
                .doesNotContain("Secret");
    }

    private static void assertNoPersonalData(String description, ObjectNode body) {
        for (String field : new String[] {"accountNumber", "accountName", "payId", "bsbNumber", "remitterName"}) {
            for (com.fasterxml.jackson.databind.JsonNode disbursement : body.path("disbursements")) {
                disbursement.fields().forEachRemaining(entry -> {
                    String value = entry.getValue().path(field).asText("");
                    if (value.length() >= 3) {
                        assertThat(description).as("description leaks %s", field).doesNotContain(value);
                    }
                });
            }
        }
    }
}
