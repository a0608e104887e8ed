package com.acme.payouts.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Controls on money: maker-checker and limits (docs/security.md).
 *
 * @param approvalThreshold payouts of more than this wait for a second principal's approval
 * @param approvalTimeToLive a held payout not approved within this is CANCELLED
 * @param approvalExpiryPeriodMs how often held payouts are checked for expiry
 * @param perRequestLimit the largest single payout, unless a key has its own
 * @param dailyLimitPerCredential what one credential may request per day (Australia/Sydney), unless a key has its own
 * @param dailyLimitPerCustomer what may be paid to one customer's payees per day
 * @param customers per-customer overrides: {@code per-request-limit}, {@code daily-limit}, {@code name-check}
 * @param coolingOff the cooling-off of new and changed payee destinations
 * @param velocity rolling 24-hour count and amount limits per payee and per customer
 */
@ConfigurationProperties("payouts.controls")
public record MoneyControlsProperties(
        @DefaultValue("10000.00") BigDecimal approvalThreshold,
        @DefaultValue("24h") Duration approvalTimeToLive,
        @DefaultValue("60000") long approvalExpiryPeriodMs,
        @DefaultValue("250000.00") BigDecimal perRequestLimit,
        @DefaultValue("2000000.00") BigDecimal dailyLimitPerCredential,
        @DefaultValue("500000.00") BigDecimal dailyLimitPerCustomer,
        Map<String, CustomerLimits> customers,
        @DefaultValue CoolingOff coolingOff,
        @DefaultValue Velocity velocity) {

    /**
     * One customer's own settings; unset fields take the defaults.
     *
     * @param nameCheck whether this customer's PayID payees may be name-checked at Monoova (a paid call)
     * @param coolingOffPeriod the cooling-off period of this customer's payees
     * @param velocity this customer's rolling 24-hour limits (all four replace the defaults together)
     */
    public record CustomerLimits(
            BigDecimal perRequestLimit, BigDecimal dailyLimit, Boolean nameCheck, Duration coolingOffPeriod, Velocity velocity) {}

    /**
     * @param period how long after a payee's destination was set payouts to it are held; 0 switches it off
     * @param mode {@code HOLD} (released automatically) or {@code APPROVAL} (maker-checker)
     * @param releasePeriodMs how often held payouts are checked for release
     */
    public record CoolingOff(
            @DefaultValue("0s") Duration period,
            @DefaultValue("HOLD") String mode,
            @DefaultValue("10000") long releasePeriodMs) {}

    /**
     * Limits over any rolling 24 hours; an unset value means no such limit.
     *
     * @param bucket the granularity of the rolling window (must divide 24 h): a payout counts for up to
     *     24 h plus one bucket
     */
    public record Velocity(
            Integer perPayeeCount,
            BigDecimal perPayeeAmount,
            Integer perCustomerCount,
            BigDecimal perCustomerAmount,
            @DefaultValue("2h") Duration bucket) {}
}
