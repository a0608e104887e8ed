package com.acme.payouts.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The last step before the execute call: a worker past its claim's send window does not send. */
class SubmissionStepsSendWindowTest {

    private static final Instant CLAIMED = Instant.parse("2026-11-26T03:00:00Z");
    // window: 10 s - (2 x 1 s + 2 s) - 1 s margin = 5 s
    private static final SendWindow WINDOW = new SendWindow(Duration.ofSeconds(10), SendWindow.callBudget(1000, 2000));

    private static SubmissionSteps stepsAt(Instant now) {
        return new SubmissionSteps(null, null, null, null, null, null, null, WINDOW, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Exchange claimedExchange() {
        Payout claimed = Payout.received("po_x", "key-12345", "fp", "api", "c-1", "pe_y", "masked",
                        Money.aud("10.00"), PayoutMethod.NPP, null, CLAIMED.minusSeconds(1))
                .apply(PayoutEvent.SUBMIT_STARTED, CLAIMED, "claimed");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(SubmissionSteps.PAYOUT, claimed);
        exchange.setProperty(SubmissionSteps.CLAIMED, true);
        exchange.getMessage().setBody("{\"uniqueReference\":\"payout-po_x\",\"accountNumber\":\"12345678\"}");
        return exchange;
    }

    @Test
    void a_worker_within_the_window_goes_on_to_call_monoova() {
        Exchange exchange = claimedExchange();
        stepsAt(CLAIMED.plusSeconds(5)).checkSendWindow(exchange);
        assertThat(exchange.getProperty(SubmissionSteps.CLAIMED, Boolean.class)).isTrue();
        assertThat(exchange.getMessage().getBody(String.class)).contains("payout-po_x");
    }

    @Test
    void a_worker_past_the_window_does_not_send_and_drops_the_request_with_the_payee_details() {
        Exchange exchange = claimedExchange();
        stepsAt(CLAIMED.plusSeconds(5).plusMillis(1)).checkSendWindow(exchange);
        assertThat(exchange.getProperty(SubmissionSteps.CLAIMED, Boolean.class)).isFalse();
        assertThat(exchange.getMessage().getBody()).isNull();
    }
}
