package com.acme.payouts.monoova;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.monoova.wire.TransactionRequest;
import com.acme.payouts.payee.BankAccountDestination;
import com.acme.payouts.payee.PayIdDestination;
import com.acme.payouts.payee.PayIdType;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.support.TestJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The execute body, field by field against Monoova's spec v5.29: {@code financial.transaction} with
 * {@code paymentSource.mAccount}, and the disbursement schemas {@code disbursementMethod.NppCreditBankAccount}
 * ({@code toNppCreditBankAccountDetails}), {@code disbursementMethod.NppCreditPayId}
 * ({@code toNppCreditPayIdDetails}) and {@code disbursementMethod.directCredit} ({@code toDirectCreditDetails}).
 */
class MonoovaRequestMapperTest {

    private static final String M_ACCOUNT = "6279059700000001";
    private final ObjectMapper json = TestJson.mapper();
    private final MonoovaRequestMapper mapper = new MonoovaRequestMapper(M_ACCOUNT, "Acme Payouts");

    private static Payout payout(PayoutMethod method, String amount, String reference) {
        String id = PayoutIds.fromIdempotencyKey("mapper-" + method + amount);
        return Payout.received(id, "k", "fp", "api", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa", "masked",
                Money.aud(amount), method, reference, Instant.parse("2026-11-25T00:00:00Z"));
    }

    private JsonNode body(Payout payout, com.acme.payouts.payee.PayeeDestination destination) throws Exception {
        TransactionRequest request = mapper.toRequest(payout, destination);
        return json.readTree(json.writeValueAsString(request));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void npp_to_a_bank_account() throws Exception {
        Payout p = payout(PayoutMethod.NPP, "125.50", "Invoice 42");
        JsonNode body = body(p, new BankAccountDestination("062-000", "12345678", "Jane Citizen"));

        assertThat(names(body)).containsExactlyInAnyOrder(
                "uniqueReference", "paymentSource", "mAccount", "totalAmount", "description", "disbursements");
        assertThat(body.path("uniqueReference").asText()).isEqualTo(p.monoovaReference());
        assertThat(body.path("paymentSource").asText()).isEqualTo("mAccount");
        assertThat(names(body.path("mAccount"))).containsExactly("token");
        assertThat(body.path("mAccount").path("token").asText()).isEqualTo(M_ACCOUNT);
        assertThat(body.path("totalAmount").isNumber()).isTrue();
        assertThat(body.path("totalAmount").decimalValue()).isEqualByComparingTo("125.50");
        assertThat(body.path("disbursements")).hasSize(1);

        JsonNode d = body.path("disbursements").get(0);
        assertThat(names(d)).containsExactlyInAnyOrder(
                "disbursementMethod", "amount", "lodgementReference", "toNppCreditBankAccountDetails");
        assertThat(d.path("disbursementMethod").asText()).isEqualTo("NppCreditBankAccount");
        assertThat(d.path("amount").decimalValue()).isEqualByComparingTo(body.path("totalAmount").decimalValue());
        assertThat(d.path("lodgementReference").asText()).isEqualTo("Invoice 42");
        JsonNode to = d.path("toNppCreditBankAccountDetails");
        assertThat(names(to)).containsExactlyInAnyOrder(
                "bsbNumber", "accountNumber", "accountName", "endToEndId", "remitterName");
        assertThat(to.path("bsbNumber").asText()).isEqualTo("062-000");
        assertThat(to.path("accountNumber").asText()).isEqualTo("12345678");
        assertThat(to.path("accountName").asText()).isEqualTo("Jane Citizen");
        assertThat(to.path("endToEndId").asText()).isEqualTo(p.id()).hasSizeLessThanOrEqualTo(35);
        assertThat(to.path("remitterName").asText()).isEqualTo("Acme Payouts");
    }

    @Test
    void npp_to_a_payid_uses_monoovas_spelling_of_the_payid_type() throws Exception {
        Payout p = payout(PayoutMethod.NPP, "20.00", null);
        JsonNode d = body(p, new PayIdDestination(PayIdType.PHONE_NUMBER, "+61-412345678", "Jane Citizen"))
                .path("disbursements").get(0);

        assertThat(names(d)).containsExactlyInAnyOrder("disbursementMethod", "amount", "toNppCreditPayIdDetails");
        assertThat(d.path("disbursementMethod").asText()).isEqualTo("NppCreditPayId");
        JsonNode to = d.path("toNppCreditPayIdDetails");
        assertThat(names(to)).containsExactlyInAnyOrder("payId", "payIdType", "accountName", "endToEndId", "remitterName");
        assertThat(to.path("payIdType").asText()).isEqualTo("PhoneNumber");
        assertThat(to.path("payId").asText()).isEqualTo("+61-412345678");
    }

    @Test
    void every_payid_type_goes_out_as_the_specs_enum_value() throws Exception {
        List<String> sent = new ArrayList<>();
        for (PayIdType type : PayIdType.values()) {
            JsonNode to = body(payout(PayoutMethod.NPP, "1.00", null), new PayIdDestination(type, "x", "Jane Citizen"))
                    .path("disbursements").get(0).path("toNppCreditPayIdDetails");
            sent.add(to.path("payIdType").asText());
        }
        assertThat(sent).containsExactlyInAnyOrder("ABN", "Email", "PhoneNumber", "OrganisationId", "ACN");
    }

    @Test
    void direct_entry_is_a_direct_credit_with_only_the_de_fields() throws Exception {
        Payout p = payout(PayoutMethod.DE, "10.00", "INV-42");
        JsonNode body = body(p, new BankAccountDestination("062-000", "123456789", "Jane Citizen"));
        JsonNode d = body.path("disbursements").get(0);

        assertThat(body.path("uniqueReference").asText()).isEqualTo(p.monoovaReference());
        assertThat(names(d)).containsExactlyInAnyOrder(
                "disbursementMethod", "amount", "lodgementReference", "toDirectCreditDetails");
        assertThat(d.path("disbursementMethod").asText()).isEqualTo("directCredit");
        assertThat(d.path("lodgementReference").asText()).isEqualTo("INV-42");
        assertThat(names(d.path("toDirectCreditDetails")))
                .containsExactlyInAnyOrder("bsbNumber", "accountNumber", "accountName");
    }

    @Test
    void direct_entry_to_a_payid_cannot_be_built() {
        assertThatThrownBy(() -> mapper.toRequest(payout(PayoutMethod.DE, "10.00", null),
                        new PayIdDestination(PayIdType.EMAIL, "jane@example.com", "Jane Citizen")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blank_settings_are_left_out_rather_than_sent_empty() throws Exception {
        MonoovaRequestMapper bare = new MonoovaRequestMapper(" ", "");
        TransactionRequest request = bare.toRequest(payout(PayoutMethod.NPP, "5.00", null),
                new BankAccountDestination("062-000", "12345678", "Jane Citizen"));
        JsonNode body = json.readTree(json.writeValueAsString(request));
        assertThat(body.has("mAccount")).isFalse();
        assertThat(body.path("disbursements").get(0).path("toNppCreditBankAccountDetails").has("remitterName")).isFalse();
    }

    @Test
    void the_request_never_prints_the_destination() {
        TransactionRequest request = mapper.toRequest(payout(PayoutMethod.NPP, "5.00", null),
                new BankAccountDestination("062-000", "12345678", "Jane Citizen"));
        assertThat(request.toString()).doesNotContain("12345678", "Jane Citizen", "062-000");
    }
}
