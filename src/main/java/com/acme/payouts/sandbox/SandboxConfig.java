package com.acme.payouts.sandbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link MonoovaSandbox}. Tests shrink the delays to milliseconds so the whole
 * lifecycle (pending, completion, webhook, retry) runs in well under a second; the defaults are
 * close to what the real Monoova sandbox is documented to do (for example the 30 s webhook retry).
 *
 * @param port TCP port to bind; 0 picks a free port
 * @param bindAddress interface to bind; loopback by default so a test sandbox is never reachable
 *     from outside the machine
 * @param apiKey the Basic-auth username Monoova expects (the password is ignored)
 * @param mAccountNumber the 16-digit sign-in mAccount that payouts debit
 * @param feeAccountNumber the 16-digit separate fee account that fees are charged to
 * @param openingBalance availableToDebit at start
 * @param nppPayoutLimit reported by the financials endpoint only; not enforced
 * @param nppCompletionDelay time an NPP payout stays Pending before it completes or is rejected
 * @param deCompletionDelay time a direct-credit payout stays Pending before it is Complete
 * @param returnDelay time after completion before an {@code SBX-RETURN} payout is returned
 * @param webhookDelay extra delay of the final webhook in the delayed-webhook scenario
 * @param webhookRetryPause pause before the single retry of a failed webhook delivery
 * @param webhookTimeout connect and response timeout of one webhook delivery attempt
 * @param slowResponseDelay how long the timeout scenario holds the execute response back
 * @param faultSeed seed of the reproducible random faults
 * @param faultRate probability (0..1) of a random execute fault and, independently, of a random
 *     final-webhook fault
 */
public record SandboxConfig(
        int port,
        String bindAddress,
        String apiKey,
        String mAccountNumber,
        String feeAccountNumber,
        BigDecimal openingBalance,
        BigDecimal nppPayoutLimit,
        Duration nppCompletionDelay,
        Duration deCompletionDelay,
        Duration returnDelay,
        Duration webhookDelay,
        Duration webhookRetryPause,
        Duration webhookTimeout,
        Duration slowResponseDelay,
        Duration deBatchDelay,
        long faultSeed,
        double faultRate) {

    public SandboxConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (apiKey == null || apiKey.isBlank() || apiKey.contains(":")) {
            throw new IllegalArgumentException("apiKey must be non-blank and must not contain ':'");
        }
        requireAccountNumber(mAccountNumber, "mAccountNumber");
        requireAccountNumber(feeAccountNumber, "feeAccountNumber");
        if (mAccountNumber.equals(feeAccountNumber)) {
            throw new IllegalArgumentException("the fee account must differ from the mAccount");
        }
        requireMoney(openingBalance, "openingBalance");
        requireMoney(nppPayoutLimit, "nppPayoutLimit");
        requireDelay(nppCompletionDelay, "nppCompletionDelay");
        requireDelay(deCompletionDelay, "deCompletionDelay");
        requireDelay(returnDelay, "returnDelay");
        requireDelay(webhookDelay, "webhookDelay");
        requireDelay(webhookRetryPause, "webhookRetryPause");
        requireDelay(webhookTimeout, "webhookTimeout");
        requireDelay(slowResponseDelay, "slowResponseDelay");
        requireDelay(deBatchDelay, "deBatchDelay");
        if (webhookTimeout.isZero()) {
            throw new IllegalArgumentException("webhookTimeout must be positive");
        }
        FaultPolicy.requireRate(faultRate);
        openingBalance = Money.normalise(openingBalance);
        nppPayoutLimit = Money.normalise(nppPayoutLimit);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this configuration, for tests that change one value. */
    public Builder toBuilder() {
        return new Builder()
                .port(port)
                .bindAddress(bindAddress)
                .apiKey(apiKey)
                .mAccountNumber(mAccountNumber)
                .feeAccountNumber(feeAccountNumber)
                .openingBalance(openingBalance)
                .nppPayoutLimit(nppPayoutLimit)
                .nppCompletionDelay(nppCompletionDelay)
                .deCompletionDelay(deCompletionDelay)
                .returnDelay(returnDelay)
                .webhookDelay(webhookDelay)
                .webhookRetryPause(webhookRetryPause)
                .webhookTimeout(webhookTimeout)
                .slowResponseDelay(slowResponseDelay)
                .deBatchDelay(deBatchDelay)
                .faultSeed(faultSeed)
                .faultRate(faultRate);
    }

    /** Keeps the API key out of logs and test reports. */
    @Override
    public String toString() {
        return "SandboxConfig[port=" + port + ", bindAddress=" + bindAddress + ", apiKey=***"
                + ", mAccountNumber=" + mAccountNumber + ", feeAccountNumber=" + feeAccountNumber
                + ", openingBalance=" + openingBalance + ", nppPayoutLimit=" + nppPayoutLimit
                + ", nppCompletionDelay=" + nppCompletionDelay + ", deCompletionDelay=" + deCompletionDelay
                + ", returnDelay=" + returnDelay + ", webhookDelay=" + webhookDelay
                + ", webhookRetryPause=" + webhookRetryPause + ", webhookTimeout=" + webhookTimeout
                + ", slowResponseDelay=" + slowResponseDelay + ", deBatchDelay=" + deBatchDelay + ", faultSeed=" + faultSeed
                + ", faultRate=" + faultRate + "]";
    }

    private static void requireAccountNumber(String value, String name) {
        if (value == null || !value.matches("\\d{16}")) {
            throw new IllegalArgumentException(name + " must be 16 digits");
        }
    }

    private static void requireMoney(BigDecimal value, String name) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be zero or positive");
        }
    }

    private static void requireDelay(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive");
        }
    }

    /** Mutable builder with the documented defaults. */
    public static final class Builder {
        private int port = 0;
        private String bindAddress = "127.0.0.1";
        private String apiKey = "sandbox-api-key";
        private String mAccountNumber = "6279059700000001";
        private String feeAccountNumber = "6279059700000002";
        private BigDecimal openingBalance = new BigDecimal("1000000.00");
        private BigDecimal nppPayoutLimit = new BigDecimal("100000.00");
        private Duration nppCompletionDelay = Duration.ofSeconds(1);
        private Duration deCompletionDelay = Duration.ofSeconds(3);
        private Duration returnDelay = Duration.ofSeconds(2);
        private Duration webhookDelay = Duration.ofSeconds(5);
        private Duration webhookRetryPause = Duration.ofSeconds(30);
        private Duration webhookTimeout = Duration.ofSeconds(5);
        private Duration slowResponseDelay = Duration.ofSeconds(30);
        private Duration deBatchDelay = Duration.ofSeconds(5);
        private long faultSeed = 0L;
        private double faultRate = 0.0;

        private Builder() {}

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder bindAddress(String value) {
            this.bindAddress = value;
            return this;
        }

        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        public Builder mAccountNumber(String value) {
            this.mAccountNumber = value;
            return this;
        }

        public Builder feeAccountNumber(String value) {
            this.feeAccountNumber = value;
            return this;
        }

        public Builder openingBalance(BigDecimal value) {
            this.openingBalance = value;
            return this;
        }

        public Builder nppPayoutLimit(BigDecimal value) {
            this.nppPayoutLimit = value;
            return this;
        }

        public Builder nppCompletionDelay(Duration value) {
            this.nppCompletionDelay = value;
            return this;
        }

        public Builder deCompletionDelay(Duration value) {
            this.deCompletionDelay = value;
            return this;
        }

        public Builder returnDelay(Duration value) {
            this.returnDelay = value;
            return this;
        }

        public Builder webhookDelay(Duration value) {
            this.webhookDelay = value;
            return this;
        }

        public Builder webhookRetryPause(Duration value) {
            this.webhookRetryPause = value;
            return this;
        }

        public Builder webhookTimeout(Duration value) {
            this.webhookTimeout = value;
            return this;
        }

        public Builder slowResponseDelay(Duration value) {
            this.slowResponseDelay = value;
            return this;
        }

        /** How long an inbound direct credit waits for its batch (Monoova: the next of 7 BECS windows a day). */
        public Builder deBatchDelay(Duration value) {
            this.deBatchDelay = value;
            return this;
        }

        public Builder faultSeed(long value) {
            this.faultSeed = value;
            return this;
        }

        public Builder faultRate(double value) {
            this.faultRate = value;
            return this;
        }

        public SandboxConfig build() {
            return new SandboxConfig(
                    port,
                    bindAddress,
                    apiKey,
                    mAccountNumber,
                    feeAccountNumber,
                    openingBalance,
                    nppPayoutLimit,
                    nppCompletionDelay,
                    deCompletionDelay,
                    returnDelay,
                    webhookDelay,
                    webhookRetryPause,
                    webhookTimeout,
                    slowResponseDelay,
                    deBatchDelay,
                    faultSeed,
                    faultRate);
        }
    }
}
