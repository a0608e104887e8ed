package com.acme.payouts.submission;

import com.acme.payouts.payout.CoolingOff;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The cooling-off steps of the routes: payout-submit holds a payout whose payee is still cooling off
 * before it reserves money or claims it; the cooling-off-release timer releases held payouts whose
 * period has ended and enqueues each (released by exactly one instance) for submission.
 */
public class CoolingOffSteps {

    /** Exchange property: the payout was held for cooling-off; submit nothing. */
    public static final String HELD = "coolingOffHeld";

    private final CoolingOff coolingOff;
    private final ObjectMapper json;
    private final int releaseBatch;

    public CoolingOffSteps(CoolingOff coolingOff, ObjectMapper json, int releaseBatch) {
        this.coolingOff = coolingOff;
        this.json = json;
        this.releaseBatch = releaseBatch;
    }

    /**
     * Runs before the idempotent consumer, so a held payout leaves no "processed" mark behind and the
     * same submission message is processed again once it is released.
     */
    public void check(Exchange exchange) throws IOException {
        String payoutId = json.readTree(exchange.getIn().getBody(String.class)).path("payoutId").asText();
        exchange.setProperty(HELD, coolingOff.holdIfCooling(payoutId));
    }

    /** Releases what has cooled off; the body becomes the released payout ids. */
    public List<String> release() {
        return coolingOff.releaseDue(releaseBatch);
    }
}
