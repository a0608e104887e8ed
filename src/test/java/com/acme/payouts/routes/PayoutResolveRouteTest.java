package com.acme.payouts.routes;

import static com.acme.payouts.routes.MonoovaStub.fails;
import static com.acme.payouts.routes.MonoovaStub.http;
import static com.acme.payouts.routes.MonoovaStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.submission.SubmissionSteps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.SocketTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The payout-resolve route (what the sweeper calls for a payout that may have been sent) with Monoova's
 * status endpoint woven out: what each status answer does to the payout, and when it is resubmitted.
 */
class PayoutResolveRouteTest extends RouteTestSupport {

    @Autowired
    private ObjectMapper json;

    private void resolve(Payout p) {
        Exchange done = template.send("direct:payout-resolve", e -> e.setProperty(SubmissionSteps.PAYOUT_ID, p.id()));
        assertThat(done.getException()).isNull();
    }

    private static String status(Payout p, String transactionStatus) {
        return "{\"durationMs\":9,\"status\":\"Ok\",\"statusDescription\":\"Operation completed successfully\","
                + "\"transactionStatus\":\"" + transactionStatus + "\",\"uniqueReference\":\"" + p.monoovaReference()
                + "\",\"completedDate\":\"2026-11-25\"}";
    }

    @Test
    void complete_settles_the_payout_and_enqueues_nothing() {
        Payout p = payoutIn(PayoutStatus.UNKNOWN);
        MONOOVA.onStatus(p.monoovaReference(), ok(status(p, "Complete")));

        resolve(p);

        assertThat(current(p.id()).status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(submissionQueue().getReceivedExchanges()).isEmpty();
    }

    @Test
    void the_lookup_is_for_the_payouts_own_reference_with_our_credentials() {
        Payout p = payoutIn(PayoutStatus.SUBMITTED);
        MONOOVA.onStatus(p.monoovaReference(), ok(status(p, "Complete")));

        resolve(p);

        assertThat(MONOOVA.statusCalls(p.monoovaReference())).singleElement().satisfies(call -> {
            assertThat(call.headers()).containsEntry(Exchange.HTTP_METHOD, "GET")
                    .containsEntry(Exchange.HTTP_PATH, "/" + p.monoovaReference());
            assertThat((String) call.headers().get("Authorization")).startsWith("Basic ");
        });
    }

    @Test
    void transaction_not_found_sends_an_unknown_payout_back_with_a_new_submission_message() throws Exception {
        Payout p = payoutIn(PayoutStatus.UNKNOWN);
        MONOOVA.onStatus(p.monoovaReference(), http(400,
                "{\"durationMs\":4,\"status\":\"TransactionNotFound\",\"statusDescription\":\"Transaction not found\"}"));
        submissionQueue().expectedMessageCount(1);

        resolve(p);

        submissionQueue().assertIsSatisfied();
        Payout after = current(p.id());
        assertThat(after.status()).isEqualTo(PayoutStatus.RECEIVED);
        assertThat(after.monoovaReference()).isEqualTo(p.monoovaReference());
        Message queued = submissionQueue().getReceivedExchanges().get(0).getMessage();
        JsonNode message = json.readTree(queued.getBody(String.class));
        assertThat(message.path("payoutId").asText()).isEqualTo(p.id());
        assertThat(message.path("attempt").asInt()).isEqualTo(2);
        // becomes SQS message attributes: the status call's credentials must not be among them
        assertThat(queued.getHeaders().keySet()).allMatch(h -> h.startsWith("Camel"));
    }

    @Test
    void pending_confirms_an_unknown_payout_was_submitted() {
        Payout p = payoutIn(PayoutStatus.UNKNOWN);
        MONOOVA.onStatus(p.monoovaReference(), ok(status(p, "Pending")));

        resolve(p);

        assertThat(current(p.id()).status()).isEqualTo(PayoutStatus.SUBMITTED);
        assertThat(submissionQueue().getReceivedExchanges()).isEmpty();
    }

    @Test
    void rejected_fails_the_payout() {
        Payout p = payoutIn(PayoutStatus.SUBMITTED);
        MONOOVA.onStatus(p.monoovaReference(), ok(status(p, "Rejected")));

        resolve(p);

        assertThat(current(p.id()).status()).isEqualTo(PayoutStatus.FAILED);
    }

    @Test
    void not_found_for_a_payout_monoova_accepted_is_never_resubmitted() {
        Payout p = payoutIn(PayoutStatus.SUBMITTED);
        MONOOVA.onStatus(p.monoovaReference(), http(400, "{\"status\":\"TransactionNotFound\"}"));

        resolve(p);

        assertThat(current(p.id())).isEqualTo(p);
        assertThat(submissionQueue().getReceivedExchanges()).isEmpty();
    }

    @Test
    void an_unanswered_lookup_changes_nothing_and_enqueues_nothing() {
        Payout p = payoutIn(PayoutStatus.UNKNOWN);
        MONOOVA.onStatus(p.monoovaReference(), fails(new SocketTimeoutException("Read timed out")));

        resolve(p);

        assertThat(current(p.id())).isEqualTo(p);
        assertThat(submissionQueue().getReceivedExchanges()).isEmpty();
    }

    @Test
    void a_settled_payout_is_not_looked_up() {
        Payout p = payoutIn(PayoutStatus.COMPLETED);
        MONOOVA.onStatus(p.monoovaReference(), ok(status(p, "Complete")));

        resolve(p);

        assertThat(MONOOVA.statusCalls(p.monoovaReference())).isEmpty();
        assertThat(current(p.id())).isEqualTo(p);
    }
}
