package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PayoutFlowIT extends EmbeddedDefaultTest {

    @Test
    void an_npp_payout_to_a_bank_account_reaches_completed_and_moves_the_money_once() {
        String payee = api.createBankPayee("c-flow", "Jane Citizen", "062-000", "12345678").id();
        BigDecimal before = sandbox.availableToDebit();
        Reply created = api.createPayout("flow-" + UUID.randomUUID(), payee, "125.50", "NPP", "Invoice 42");
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        assertThat(created.header("Location")).isEqualTo("/v1/payouts/" + created.id());
        assertThat(created.body().path("status").asText()).isEqualTo("RECEIVED");

        JsonNode done = api.awaitStatus(created.id(), "COMPLETED", Duration.ofSeconds(20));
        assertThat(done.path("monoovaTransactionId").asLong()).isPositive();
        assertThat(done.path("history").findValuesAsText("to"))
                .containsExactly("RECEIVED", "SUBMITTING", "SUBMITTED", "COMPLETED");
        String reference = done.path("monoovaReference").asText();
        assertThat(sandbox.executeCalls(reference)).isEqualTo(1);
        assertThat(before.subtract(sandbox.availableToDebit())).isEqualByComparingTo("125.50");
    }
}
