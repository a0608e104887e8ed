package com.acme.payouts.submission;

import com.acme.payouts.funding.FundingService;
import com.acme.payouts.monoova.MonoovaAdminClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the funding balance honest (ADR 0006): opens it from Monoova's {@code availableToDebit},
 * repairs reservations an interrupted change left behind, and compares our balance with Monoova's
 * every {@code monoova-check-every} (or at once after Monoova refused a payout for lack of funds).
 */
public class FundingMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(FundingMonitor.class);

    private final FundingService funding;
    private final MonoovaAdminClient monoova;
    private final String mAccount;
    private final Duration checkEvery;
    private final Clock clock;
    private volatile Instant lastCheck = Instant.EPOCH;

    public FundingMonitor(FundingService funding, MonoovaAdminClient monoova, String mAccount, Duration checkEvery, Clock clock) {
        this.funding = funding;
        this.monoova = monoova;
        this.mAccount = mAccount;
        this.checkEvery = checkEvery;
        this.clock = clock;
    }

    /** Opens the balance from Monoova if it does not exist yet; quietly does nothing if Monoova can't be read. */
    public synchronized void initialise() {
        if (funding.balance().isPresent()) {
            return;
        }
        availableToDebit().ifPresent(funding::initialise);
    }

    /**
     * One monitor tick (waiting payouts are released after it, by the route). When due, or when a
     * refusal asked for it: repair reservations left behind by an interrupted change, then compare
     * with Monoova; the repair comes first so the comparison sees settled reservations.
     */
    public void tick() {
        Instant now = clock.instant();
        boolean requested = funding.takeCheckRequest();
        if (requested || funding.balance().isEmpty() || !now.isBefore(lastCheck.plus(checkEvery))) {
            lastCheck = now;
            funding.repair();
            availableToDebit().ifPresent(funding::check);
        }
    }

    /**
     * Monoova's {@code availableToDebit} of the sign-in mAccount; for an account that only spends
     * cleared funds, {@code clearedFundsAccountFinancials.availableBalance} (DIGEST §4.1).
     */
    public Optional<BigDecimal> availableToDebit() {
        try {
            JsonNode financials = monoova.financials(mAccount).path("financials");
            JsonNode value = financials.path("clearedFundsOnly").asBoolean(false)
                    ? financials.path("clearedFundsAccountFinancials").path("availableBalance")
                    : financials.path("availableToDebit");
            if (value.isNumber()) {
                return Optional.of(value.decimalValue());
            }
            if (value.isTextual()) {
                return Optional.of(new BigDecimal(value.asText().trim()));
            }
            LOG.warn("Monoova financials carry no availableToDebit; funding check skipped");
        } catch (RuntimeException e) {
            LOG.warn("cannot read Monoova's availableToDebit ({}); funding check skipped", e.getClass().getSimpleName());
        }
        return Optional.empty();
    }
}
