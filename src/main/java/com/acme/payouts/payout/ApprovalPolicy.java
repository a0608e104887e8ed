package com.acme.payouts.payout;

import java.time.Duration;
import java.util.Objects;

/**
 * Maker-checker: a payout of more than {@code threshold} waits in {@link PayoutStatus#PENDING_APPROVAL}
 * until a different principal approves it, for at most {@code timeToLive}.
 */
public record ApprovalPolicy(Money threshold, Duration timeToLive) {

    /** No payout needs approval (tests and tools that don't exercise maker-checker). */
    public static final ApprovalPolicy NONE = new ApprovalPolicy(null, Duration.ofDays(1));

    public ApprovalPolicy {
        Objects.requireNonNull(timeToLive, "timeToLive");
    }

    public boolean requiresApproval(Money amount) {
        return threshold != null && amount.compareTo(threshold) > 0;
    }
}
