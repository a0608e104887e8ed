package com.acme.payouts.submission;

import com.acme.payouts.funding.FundingService;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The funding steps of the routes (ADR 0006): before payout-submit claims a payout, its money is
 * reserved or the payout is held as AWAITING_FUNDS; when money arrives, waiting payouts are released
 * oldest first and enqueued for submission.
 */
public class FundingSteps {

    /** Exchange property: the payout's money is reserved (or the claim will decide); go on to submit. */
    public static final String ADMITTED = "fundsAdmitted";

    private final FundingService funding;
    private final FundingMonitor monitor;
    private final ObjectMapper json;
    private final int releaseBatch;

    public FundingSteps(FundingService funding, FundingMonitor monitor, ObjectMapper json, int releaseBatch) {
        this.funding = funding;
        this.monitor = monitor;
        this.json = json;
        this.releaseBatch = releaseBatch;
    }

    /**
     * Runs before the idempotent consumer of payout-submit, so a payout held for funds leaves no
     * "processed" mark behind: when it is released, the same submission message is processed again.
     */
    public void admit(Exchange exchange) throws IOException {
        String payoutId = json.readTree(exchange.getIn().getBody(String.class)).path("payoutId").asText();
        if (funding.balance().isEmpty()) {
            // The first payout after a fresh start may come before the monitor read Monoova's balance.
            monitor.initialise();
        }
        exchange.setProperty(ADMITTED, funding.admit(payoutId) == FundingService.Admission.PROCEED);
    }

    /** Releases what the balance now covers; the body becomes the released payout ids. */
    public List<String> release() {
        return funding.releaseWaiting(releaseBatch);
    }
}
