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
 * @param customers per-customer overrides: {@code per-request-limit}, {@code daily-limit}
 */
@ConfigurationProperties("payouts.controls")
public record MoneyControlsProperties(
        @DefaultValue("10000.00") BigDecimal approvalThreshold,
        @DefaultValue("24h") Duration approvalTimeToLive,
        @DefaultValue("60000") long approvalExpiryPeriodMs,
        @DefaultValue("250000.00") BigDecimal perRequestLimit,
        @DefaultValue("2000000.00") BigDecimal dailyLimitPerCredential,
        @DefaultValue("500000.00") BigDecimal dailyLimitPerCustomer,
        Map<String, CustomerLimits> customers) {

    public record CustomerLimits(BigDecimal perRequestLimit, BigDecimal dailyLimit) {}
}
