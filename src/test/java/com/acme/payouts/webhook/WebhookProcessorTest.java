package com.acme.payouts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.funding.FundingService;
import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.NewPayout;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.store.WebhookReceipt;
import com.acme.payouts.store.WebhookReceipt.Outcome;
import com.acme.payouts.store.embedded.EmbeddedFundingStore;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.store.embedded.EmbeddedWebhookReceiptStore;
import com.acme.payouts.support.TerminalMessageException;
import com.acme.payouts.support.TestDatabase;
import com.acme.payouts.support.TestJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

class WebhookProcessorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private final ObjectMapper json = TestJson.mapper();
    private PayoutService payouts;
    private EmbeddedWebhookReceiptStore receipts;
    private WebhookProcessor processor;
    private FundingService funding;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        jdbc = TestDatabase.fresh();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        EmbeddedPayoutStore store = new EmbeddedPayoutStore(jdbc);
        payouts = new PayoutService(store, clock);
        receipts = new EmbeddedWebhookReceiptStore(jdbc, clock);
        funding = new FundingService(new EmbeddedFundingStore(jdbc), payouts, store, clock);
        payouts.onChange(funding);
        processor = new WebhookProcessor(payouts, receipts, json, funding, clock);
    }

    private Payout submitted(String amount) {
        return submitted(amount, PayoutMethod.NPP);
    }

    private Payout submitted(String amount, PayoutMethod method) {
        String id = payouts.create(new NewPayout("key-" + UUID.randomUUID(), "api", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "***-*00 ****5678", Money.aud(amount), method, null))
                .payout().id();
        payouts.claimForSubmission(id);
        payouts.apply(id, PayoutEvent.MONOOVA_ACCEPTED, "Ok");
        return payouts.find(id).orElseThrow();
    }

    private String message(String webhookId, String eventName, ObjectNode payload) throws Exception {
        return json.writeValueAsString(new WebhookEvent(webhookId, eventName, NOW, payload));
    }

    private ObjectNode nppStatus(String reference, String status, String amount) {
        ObjectNode p = json.createObjectNode();
        p.put("TransactionId", 775501L);
        p.put("UniqueReference", reference);
        p.put("Status", status);
        p.put("Amount", new java.math.BigDecimal(amount));
        p.put("AccountNumber", "*****678");
        return p;
    }

    private Payout reload(Payout p) {
        return payouts.find(p.id()).orElseThrow();
    }

    private WebhookReceipt receipt(String webhookId) {
        return receipts.find(webhookId).orElseThrow();
    }

    @Test
    void payment_successful_completes_the_payout_and_records_the_transaction_id() throws Exception {
        Payout p = submitted("125.50");
        processor.process(message("9001", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "125.50")));

        assertThat(reload(p).status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(reload(p).monoovaTransactionId()).isEqualTo(775501L);
        assertThat(receipt("9001").outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(receipt("9001").payoutId()).isEqualTo(p.id());
    }

    @Test
    void rejected_fails_the_payout_with_a_scrubbed_reason() throws Exception {
        Payout p = submitted("10.00");
        ObjectNode payload = nppStatus(p.monoovaReference(), "Rejected", "10.00");
        payload.put("RejectionReasonDescription", "Account 062000123456789 closed");
        processor.process(message("9002", "NppPaymentStatus", payload));

        Payout after = reload(p);
        assertThat(after.status()).isEqualTo(PayoutStatus.FAILED);
        assertThat(after.failureReason()).contains("Account").contains("closed").doesNotContain("062000123456789");
        assertThat(receipt("9002").outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void a_duplicate_event_is_recorded_as_ignored_and_changes_nothing() throws Exception {
        Payout p = submitted("10.00");
        processor.process(message("9003", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "10.00")));
        Payout completed = reload(p);

        processor.process(message("9004", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "10.00")));

        assertThat(reload(p)).isEqualTo(completed);
        assertThat(receipt("9004").outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(receipt("9004").detail()).contains("COMPLETED");
    }

    @Test
    void a_rejection_for_a_completed_payout_is_a_contradiction_for_an_operator() throws Exception {
        Payout p = submitted("10.00");
        payouts.apply(p.id(), PayoutEvent.PAYMENT_COMPLETED, "status lookup");
        Payout completed = reload(p);

        assertThatThrownBy(() -> processor.process(
                        message("9005", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Rejected", "10.00"))))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("COMPLETED");
        assertThat(reload(p)).isEqualTo(completed);
        assertThat(receipt("9005").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void an_amount_that_differs_from_the_payout_is_refused() throws Exception {
        Payout p = submitted("10.00");
        assertThatThrownBy(() -> processor.process(
                        message("9006", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "100.00"))))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("amount");
        assertThat(reload(p).status()).isEqualTo(PayoutStatus.SUBMITTED);
        assertThat(receipt("9006").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void the_same_amount_written_with_other_decimals_matches() throws Exception {
        Payout p = submitted("10.00");
        processor.process(message("9007", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "10")));
        assertThat(reload(p).status()).isEqualTo(PayoutStatus.COMPLETED);
    }

    @Test
    void a_reference_that_is_not_ours_is_refused_without_touching_any_payout() throws Exception {
        assertThatThrownBy(() -> processor.process(
                        message("9008", "NppPaymentStatus", nppStatus("INV-someone-else", "Payment Successful", "10.00"))))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("not one of our payout references");
        assertThat(receipt("9008").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(receipt("9008").payoutId()).isNull();
    }

    @Test
    void a_reference_shaped_like_ours_for_a_payout_we_do_not_have_is_refused() throws Exception {
        assertThatThrownBy(() -> processor.process(message("9009", "NppPaymentStatus",
                        nppStatus("payout-po_abcdefghijklmnopqrstuvwxyz", "Payment Successful", "10.00"))))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("no payout");
        assertThat(receipt("9009").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void an_unexpected_status_value_is_refused() throws Exception {
        Payout p = submitted("10.00");
        assertThatThrownBy(() -> processor.process(
                        message("9010", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Sort Of Done", "10.00"))))
                .isInstanceOf(TerminalMessageException.class);
        assertThat(reload(p).status()).isEqualTo(PayoutStatus.SUBMITTED);
    }

    @Test
    void an_event_this_service_does_not_handle_is_refused_and_recorded() throws Exception {
        ObjectNode payload = json.createObjectNode().put("TotalCount", 1);
        assertThatThrownBy(() -> processor.process(message("9011", "InboundDirectDebit", payload)))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessage("event InboundDirectDebit is not handled by this service");
        assertThat(receipt("9011").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(receipt("9011").eventName()).isEqualTo("InboundDirectDebit");
    }

    // ---- returns and dishonours (spec example payloads, DIGEST §6.2) ----

    private ObjectNode nppReturn(String reference, String amount) throws Exception {
        return (ObjectNode) json.readTree("""
                {"ReturnDate":"2019-07-22T00:00:00","Amount":%s,"Bsb":"802-985","AccountNumber":"123456789",
                 "AccountName":"Monoova","PayId":"MW9GM4@monoova.me","PayIdType":"Email","EndToEndId":"ABC/123-4356",
                 "ReturnReason":"ACCOUNT CLOSED","TransactionDate":"2019-07-19T00:00:00","TransactionId":1234567,
                 "UniqueReference":"%s","RemitterName":"Monoova123","LodgementRef":"Ref1","ReturnTransactionId":1234568}
                """.formatted(amount, reference));
    }

    private ObjectNode dishonour(String reference, String type, String amount) throws Exception {
        return (ObjectNode) json.readTree("""
                {"ReturnDate":"2019-07-22T00:00:00","Amount":%s,
                 "BankDetails":{"Bsb":"802-985","AccountNumber":"123456789","AccountName":"Monoova","Token":null},
                 "Type":"%s","ReturnReason":"ACCOUNT CLOSED","TransactionDate":"2019-07-19T00:00:00.00",
                 "OriginalTransactionId":1234567,"TransactionReference":"%s"}
                """.formatted(amount, type, reference));
    }

    private void fund(String amount) {
        funding.initialise(new BigDecimal(amount));
    }

    private BigDecimal available() {
        return funding.balance().orElseThrow().available();
    }

    private LedgerEntry entry(String id) {
        return new EmbeddedFundingStore(jdbc).entry(id).orElseThrow();
    }

    @Test
    void npp_return_after_completion_makes_the_payout_returned_and_gives_its_money_back() throws Exception {
        fund("100.00");
        Payout p = submitted("2.00");
        payouts.apply(p.id(), PayoutEvent.PAYMENT_COMPLETED, "webhook");

        boolean moneyBack = processor.process(message("9101", "NppReturn", nppReturn(p.monoovaReference(), "2.00")));

        Payout after = reload(p);
        assertThat(after.status()).isEqualTo(PayoutStatus.RETURNED);
        assertThat(after.failureReason()).isEqualTo("NppReturn webhook 9101: ACCOUNT CLOSED");
        assertThat(moneyBack).isTrue();
        assertThat(receipt("9101").outcome()).isEqualTo(Outcome.APPLIED);

        processor.process(message("9102", "NppReturn", nppReturn(p.monoovaReference(), "2.00")));
        assertThat(reload(p)).isEqualTo(after);
        assertThat(receipt("9102").outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void a_return_that_overtakes_the_completion_completes_then_returns_and_the_late_completion_is_a_duplicate() throws Exception {
        Payout p = submitted("2.00");

        processor.process(message("9103", "NppReturn", nppReturn(p.monoovaReference(), "2.00")));
        assertThat(reload(p).status()).isEqualTo(PayoutStatus.RETURNED);
        assertThat(reload(p).history()).extracting(t -> t.to().name())
                .containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED", "RETURNED");

        processor.process(message("9104", "NppPaymentStatus", nppStatus(p.monoovaReference(), "Payment Successful", "2.00")));
        assertThat(reload(p).status()).isEqualTo(PayoutStatus.RETURNED);
        assertThat(receipt("9104").outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void a_return_of_a_payout_that_failed_is_a_contradiction() throws Exception {
        Payout p = submitted("2.00");
        payouts.apply(p.id(), PayoutEvent.PAYMENT_REJECTED, "rejected");
        assertThatThrownBy(() -> processor.process(message("9105", "NppReturn", nppReturn(p.monoovaReference(), "2.00"))))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("FAILED");
        assertThat(reload(p).status()).isEqualTo(PayoutStatus.FAILED);
    }

    @Test
    void a_de_dishonour_of_type_credit_returns_a_completed_direct_credit_with_the_reason() throws Exception {
        fund("100.00");
        Payout p = submitted("2.00", PayoutMethod.DE);
        payouts.apply(p.id(), PayoutEvent.PAYMENT_COMPLETED, "status lookup: Complete");

        processor.process(message("9106", "DirectEntryDishonour", dishonour(p.monoovaReference(), "Credit", "2.00")));

        assertThat(reload(p).status()).isEqualTo(PayoutStatus.RETURNED);
        assertThat(reload(p).failureReason()).isEqualTo("DirectEntryDishonour webhook 9106: ACCOUNT CLOSED");
        assertThat(receipt("9106").payoutId()).isEqualTo(p.id());
    }

    @Test
    void a_de_dishonour_of_type_debit_is_not_ours_and_is_dead_lettered_with_the_reason() throws Exception {
        assertThatThrownBy(() -> processor.process(message("9107", "DirectEntryDishonour", dishonour("DD-42", "Debit", "2.00"))))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessage("DirectEntryDishonour of Type Debit is not a payout of this service (it never direct debits)");
        assertThat(receipt("9107").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void a_dishonour_for_an_npp_payout_or_a_return_for_a_de_payout_is_refused() throws Exception {
        Payout npp = submitted("2.00");
        Payout de = submitted("2.00", PayoutMethod.DE);
        assertThatThrownBy(() -> processor.process(
                        message("9108", "DirectEntryDishonour", dishonour(npp.monoovaReference(), "Credit", "2.00"))))
                .isInstanceOf(TerminalMessageException.class);
        assertThatThrownBy(() -> processor.process(message("9109", "NppReturn", nppReturn(de.monoovaReference(), "2.00"))))
                .isInstanceOf(TerminalMessageException.class);
        assertThat(reload(npp).status()).isEqualTo(PayoutStatus.SUBMITTED);
        assertThat(reload(de).status()).isEqualTo(PayoutStatus.SUBMITTED);
    }

    // ---- funding events (spec example payloads, DIGEST §6.3) ----

    @Test
    void inbound_direct_credit_records_each_credit_of_the_batch_once_by_transaction_id() throws Exception {
        fund("0.00");
        ObjectNode batch = (ObjectNode) json.readTree("""
                {"TotalCount":2,"TotalAmount":2,"DirectCreditDetails":[
                 {"TransactionId":"D00100537784","BatchId":"0000000212749","DateTime":"2020-01-13T14:21:50.553",
                  "Bsb":"802-985","AccountNumber":"419001918","AccountName":"Monoova AccountName","TransactionCode":"50",
                  "Amount":1.0,"LodgementRef":"Ref1","RemitterName":"ABC XYZ","NameOfUserSupplyingFile":"M PAYMENTS",
                  "NumberOfUserSupplyingFile":"483449","DescriptionOfEntriesOnFile":"PAYMENT TRNSFR","Indicator":"",
                  "WithholdingTaxAmount":0.0,"SourceBsb":"123-123","SourceAccountNumber":"123456789"},
                 {"TransactionId":"D00100537785","BatchId":"0000000212749","DateTime":"2020-01-13T14:30:50.002",
                  "Bsb":"802-985","AccountNumber":"419001923","AccountName":"Monoova AccountName2","TransactionCode":"50",
                  "Amount":1.0,"LodgementRef":"Ref2","RemitterName":"STU XYZ","NameOfUserSupplyingFile":"M PAYMENTS",
                  "NumberOfUserSupplyingFile":"483449","DescriptionOfEntriesOnFile":"PAYMENT TRNSFR","Indicator":"",
                  "WithholdingTaxAmount":0.0,"SourceBsb":"123-123","SourceAccountNumber":"234123896"}]}
                """);

        assertThat(processor.process(message("9201", "InboundDirectCredit", batch))).as("funds arrived").isTrue();
        assertThat(available()).isEqualByComparingTo("2.00");
        LedgerEntry entry = entry("credit:D00100537784");
        assertThat(entry.source()).isEqualTo("DE");
        assertThat(entry.batchId()).isEqualTo("0000000212749");
        assertThat(entry.day()).isEqualTo(LocalDate.of(2020, 1, 13));
        assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2020-01-13T03:21:50.553Z"));
        assertThat(receipt("9201").outcome()).isEqualTo(Outcome.APPLIED);

        assertThat(processor.process(message("9202", "InboundDirectCredit", batch))).isFalse();
        assertThat(available()).isEqualByComparingTo("2.00");
        assertThat(receipt("9202").outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void a_batch_whose_totals_do_not_add_up_is_refused_whole() throws Exception {
        fund("0.00");
        ObjectNode batch = (ObjectNode) json.readTree("""
                {"TotalCount":1,"TotalAmount":5.00,"DirectCreditDetails":[
                 {"TransactionId":"D00100537790","BatchId":"1","DateTime":"2020-01-13T14:21:50.553","TransactionCode":"50","Amount":4.00}]}
                """);
        assertThatThrownBy(() -> processor.process(message("9203", "InboundDirectCredit", batch)))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("TotalAmount");
        assertThat(available()).isEqualByComparingTo("0.00");
    }

    @Test
    void npp_receive_payment_reads_its_string_amount_and_local_date_time() throws Exception {
        fund("0.00");
        ObjectNode payment = (ObjectNode) json.readTree("""
                {"TransactionId":"N00100000000","DateTime":"20/10/2020 12:00:01 AM","RemitterName":"ABC XYZ",
                 "Amount":"10.0000","AccountName":"Test1","AccountNumber":"4562134757","Bsb":"123-123",
                 "PaymentDescription":"This is a free text which describes payment details","PayId":"test1@monoova.com",
                 "PayIdName":"monoova payIdName","SourceBsb":"123-123","SourceAccountNumber":"123456789",
                 "SourceAccountName":"Monoova Payers Name","EndToEndId":"TEST_EndToEnd_ID","CategoryPurposeCode":null,
                 "CreditorReferenceInformation":null,"USINumber":null,"USIScheme":null,"UltimateCreditorName":null,
                 "ReconciliationRuleReference":"RR22348","ReceiptNumber":"5678120"}
                """);

        assertThat(processor.process(message("9204", "NPPReceivePayment", payment))).isTrue();

        assertThat(available()).isEqualByComparingTo("10.00");
        LedgerEntry entry = entry("credit:N00100000000");
        assertThat(entry.amount()).isEqualByComparingTo("10.00");
        assertThat(entry.source()).isEqualTo("NPP");
        assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2020-10-19T13:00:01Z"));
    }

    @Test
    void an_amount_finer_than_a_cent_is_refused_never_rounded() throws Exception {
        fund("0.00");
        ObjectNode payment = json.createObjectNode().put("TransactionId", "N00100000009").put("Amount", "10.0050")
                .put("PaymentDescription", "x");
        assertThatThrownBy(() -> processor.process(message("9205", "NPPReceivePayment", payment)))
                .isInstanceOf(TerminalMessageException.class)
                .hasMessageContaining("whole cents");
        assertThat(available()).isEqualByComparingTo("0.00");
    }

    @Test
    void inbound_rejections_array_and_npp_rejection_object_are_recorded_without_touching_the_balance() throws Exception {
        fund("5.00");
        var array = json.readTree("""
                [{"id":2650,"batchId":436206,"dateTime":"2023-08-11T14:19:16","bsb":"123-123","accountNumber":"123123123",
                  "accountName":"TEST","payId":"TEST","payIdName":"TEST","transactionCode":"50","transactionType":"DE",
                  "amount":1000.12,"lodgementRef":"","remitterName":"Test Test","indicator":"","withholdingTaxAmount":0.0,
                  "endToEndId":"","nameOfUserSupplyingFile":"Test","numberOfUserSupplyingFile":"123079",
                  "descriptionOfEntriesOnFile":"","reason":"Unmatched Reconciliation Rule Receivable","status":"Processed",
                  "sourceBsb":"123-123","sourceAccountNumber":"123123123","sourceAccountName":"Test"}]
                """);
        ObjectNode object = (ObjectNode) json.readTree("""
                {"id":2531,"batchId":22568344,"dateTime":"2023-11-08T12:25:27","bsb":"123-123","accountNumber":"818123123",
                 "accountName":"test@test.io","payId":"test@test.io","payIdName":"TEST PTY. LIMITED","transactionCode":"50",
                 "transactionType":"NPP","amount":264.97,"lodgementRef":"","remitterName":"TEST TEST","indicator":"",
                 "withholdingTaxAmount":0.0,"endToEndId":"NOTPROVIDED","nameOfUserSupplyingFile":"",
                 "numberOfUserSupplyingFile":"","descriptionOfEntriesOnFile":"","reason":"Non Whitelisted Source Account"}
                """);

        assertThat(processor.process(json.writeValueAsString(new WebhookEvent("9206", "InboundDirectCreditRejections", NOW, array))))
                .isFalse();
        assertThat(processor.process(message("9207", "NPPCreditRejections", object))).isFalse();

        assertThat(available()).isEqualByComparingTo("5.00");
        assertThat(entry("rejected:2650").detail()).isEqualTo("Unmatched Reconciliation Rule Receivable (Processed)");
        assertThat(entry("rejected:2531").source()).isEqualTo("NPP");
        assertThat(entry("rejected:2531").amount()).isEqualByComparingTo("264.97");
        assertThat(receipt("9206").outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(receipt("9207").outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void the_webhook_id_is_read_for_the_idempotent_consumer() throws Exception {
        assertThat(processor.webhookId(message("9012", "NppPaymentStatus", json.createObjectNode()))).isEqualTo("9012");
    }
}
