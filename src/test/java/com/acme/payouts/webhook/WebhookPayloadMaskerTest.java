package com.acme.payouts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class WebhookPayloadMaskerTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void masks_personal_fields_in_pascal_and_camel_case_and_nested_objects() throws Exception {
        JsonNode payload = json.readTree("""
                {"UniqueReference":"payout-po_a","Status":"Payment Successful","Amount":12.50,
                 "Bsb":"062-000","AccountNumber":"98765432","AccountName":"Canary Person",
                 "PayId":"canary@example.com","RemitterName":"ACME",
                 "BankDetails":{"Bsb":"062-000","AccountNumber":"98765432","AccountName":"Canary Person"},
                 "items":[{"accountNumber":"98765432","sourceAccountName":"Canary Person"}]}
                """);
        String masked = json.writeValueAsString(WebhookPayloadMasker.mask(payload));
        assertThat(masked).doesNotContain("98765432", "Canary Person", "canary@example.com", "062-000");
        assertThat(masked).contains("payout-po_a", "Payment Successful", "12.5", "*****432");
    }

    @Test
    void recognises_events_by_shape_when_the_url_does_not_say() throws Exception {
        assertThat(WebhookEventNames.resolve(null, json.readTree("{\"UniqueReference\":\"r\",\"Status\":\"Rejected\"}")))
                .isEqualTo("NppPaymentStatus");
        assertThat(WebhookEventNames.resolve(null, json.readTree("{\"UniqueReference\":\"r\",\"ReturnReason\":\"x\"}")))
                .isEqualTo("NppReturn");
        assertThat(WebhookEventNames.resolve(null, json.readTree("[]"))).isEqualTo("InboundDirectCreditRejections");
        assertThat(WebhookEventNames.resolve("NppReturn", json.readTree("{}"))).isEqualTo("NppReturn");
        assertThat(WebhookEventNames.resolve("Bogus", json.readTree("{}"))).isEqualTo("Unknown");
    }
}
