package com.acme.payouts.routes;

import static com.acme.payouts.routes.MonoovaStub.http;
import static com.acme.payouts.routes.MonoovaStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payee.Payee;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.payout.Transition;
import com.acme.payouts.store.PayoutStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The payout-sweeper route (its timer replaced by {@code direct:sweep}) over payouts left behind an
 * hour ago in every unfinished state: each is driven on the way the route promises, and a payout it
 * acted on is left alone on the next sweep.
 */
class PayoutSweeperRouteTest extends RouteTestSupport {

    @Autowired
    private PayoutStore store;

    @Autowired
    private ObjectMapper json;

    /** A payout that reached {@code status} an hour ago and was then forgotten (lost message, crash). */
    private Payout leftBehind(Payee payee, PayoutStatus status) {
        Instant at = Instant.now().minus(Duration.ofHours(1));
        String id = PayoutIds.fromIdempotencyKey("sweep-" + UUID.randomUUID());
        Payout p = Payout.received(id, "sweep-" + id, "fp", "test", payee.customerId(), payee.id(), payee.display(),
                Money.aud("10.00"), PayoutMethod.NPP, null, at);
        if (status != PayoutStatus.RECEIVED) {
            p = p.apply(PayoutEvent.SUBMIT_STARTED, at, "claimed");
        }
        if (status == PayoutStatus.SUBMITTED) {
            p = p.apply(PayoutEvent.MONOOVA_ACCEPTED, at, "Ok");
        } else if (status == PayoutStatus.UNKNOWN) {
            p = p.apply(PayoutEvent.OUTCOME_UNKNOWN, at, "timeout");
        }
        assertThat(store.insert(p)).isTrue();
        return p;
    }

    private void sweep() {
        Exchange done = template.send(SWEEP, e -> { });
        assertThat(done.getException()).isNull();
    }

    private JsonNode enqueuedFor(Payout p) throws Exception {
        for (Exchange e : submissionQueue().getReceivedExchanges()) {
            JsonNode message = json.readTree(e.getMessage().getBody(String.class));
            if (message.path("payoutId").asText().equals(p.id())) {
                return message;
            }
        }
        return null;
    }

    private static String status(Payout p, String transactionStatus) {
        return "{\"status\":\"Ok\",\"transactionStatus\":\"" + transactionStatus + "\",\"uniqueReference\":\""
                + p.monoovaReference() + "\"}";
    }

    @Test
    void every_stuck_payout_is_driven_on() throws Exception {
        Payee payee = bankPayee();
        Payout received = leftBehind(payee, PayoutStatus.RECEIVED);
        Payout submitting = leftBehind(payee, PayoutStatus.SUBMITTING);
        Payout unknown = leftBehind(payee, PayoutStatus.UNKNOWN);
        Payout submitted = leftBehind(payee, PayoutStatus.SUBMITTED);
        MONOOVA.onStatus(submitting.monoovaReference(), ok(status(submitting, "Complete")));
        MONOOVA.onStatus(unknown.monoovaReference(), http(400, "{\"status\":\"TransactionNotFound\"}"));
        MONOOVA.onStatus(submitted.monoovaReference(), ok(status(submitted, "Pending")));

        sweep();

        // never sent: queued again for its first attempt, not looked up
        assertThat(enqueuedFor(received)).isNotNull();
        assertThat(enqueuedFor(received).path("attempt").asInt()).isEqualTo(1);
        assertThat(MONOOVA.statusCalls(received.monoovaReference())).isEmpty();
        assertThat(current(received.id()).status()).isEqualTo(PayoutStatus.RECEIVED);

        // claimed but no answer recorded: may have been sent, so UNKNOWN, then settled by the lookup
        assertThat(current(submitting.id()).history()).extracting(Transition::to)
                .endsWith(PayoutStatus.SUBMITTING, PayoutStatus.UNKNOWN, PayoutStatus.COMPLETED);

        // Monoova never got it: back to RECEIVED and queued for a second attempt, same reference
        assertThat(current(unknown.id()).status()).isEqualTo(PayoutStatus.RECEIVED);
        assertThat(enqueuedFor(unknown).path("attempt").asInt()).isEqualTo(2);

        // still pending at Monoova: looked up, nothing to change
        assertThat(MONOOVA.statusCalls(submitted.monoovaReference())).hasSize(1);
        assertThat(current(submitted.id()).status()).isEqualTo(PayoutStatus.SUBMITTED);
        assertThat(enqueuedFor(submitted)).isNull();
    }

    @Test
    void a_payout_acted_on_waits_before_the_next_look() {
        Payout submitted = leftBehind(bankPayee(), PayoutStatus.SUBMITTED);
        MONOOVA.onStatus(submitted.monoovaReference(), ok(status(submitted, "Pending")));

        sweep();
        sweep();

        assertThat(MONOOVA.statusCalls(submitted.monoovaReference())).hasSize(1);
    }
}
