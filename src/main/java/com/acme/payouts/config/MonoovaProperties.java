package com.acme.payouts.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How we reach Monoova. With {@code base-url} blank the embedded sandbox is started and these are
 * filled in for it (see {@link EmbeddedDefaultsPostProcessor}).
 *
 * @param apiKey sent as the Basic user name; never logged
 * @param webhookToken the subscription security token Monoova echoes in {@code Authorization}
 * @param mAccount the 16-digit sign-in mAccount payouts are debited from (sent as {@code mAccount.token})
 * @param connectTimeoutMs TCP connect (and connection pool) timeout for every Monoova call
 * @param responseTimeoutMs how long we wait for an answer; an execute that times out becomes UNKNOWN
 * @param duplicateReferenceCodes execute {@code status} codes meaning "this uniqueReference was
 *     already used": the payment may exist, so the outcome is UNKNOWN, never FAILED
 * @param statusNotFoundCodes status-lookup {@code status} codes proving Monoova never received a
 *     reference; only these allow the same reference to be executed again
 * @param insufficientFundsCodes execute {@code status} codes meaning "not enough funds": nothing was
 *     executed, so the payout waits for funds (AWAITING_FUNDS) with the same reference instead of failing
 * @param webhookEvents the events subscribed to at start-up (and by the ops command)
 * @param webhookPublicKeys extra hex public keys accepted for webhook signatures, e.g. Monoova's next key
 *     announced ahead of a rotation; the key fetched from Monoova is always accepted too
 * @param publicKeyCacheTtl how long a fetched webhook public key is trusted before it is fetched again
 * @param payIdNotFoundCodes {@code /verify/v2/aba/initiate} {@code status} codes meaning "no such PayID"
 *     (the spec documents none; the default is the sandbox's)
 * @param nameCheckTimeoutMs response timeout of the name check call (a paid, user-facing call)
 */
@ConfigurationProperties("monoova")
public record MonoovaProperties(
        String baseUrl,
        String apiKey,
        String webhookToken,
        @DefaultValue("6279059700000001") String mAccount,
        @DefaultValue("2000") long connectTimeoutMs,
        @DefaultValue("10000") long responseTimeoutMs,
        @DefaultValue("") String remitterName,
        @DefaultValue("DuplicateUniqueReference") List<String> duplicateReferenceCodes,
        @DefaultValue("TransactionNotFound") List<String> statusNotFoundCodes,
        @DefaultValue("InsufficientFunds") List<String> insufficientFundsCodes,
        @DefaultValue({
                    "NppPaymentStatus",
                    "NppReturn",
                    "DirectEntryDishonour",
                    "InboundDirectCredit",
                    "NPPReceivePayment",
                    "InboundDirectCreditRejections",
                    "NPPCreditRejections"
                })
                List<String> webhookEvents,
        @DefaultValue("") List<String> webhookPublicKeys,
        @DefaultValue("true") boolean bootstrapSubscriptions,
        @DefaultValue("12h") Duration publicKeyCacheTtl,
        @DefaultValue Sandbox sandbox,
        @DefaultValue("PayIdNotFound") List<String> payIdNotFoundCodes,
        @DefaultValue("5000") long nameCheckTimeoutMs) {

    /**
     * The embedded sandbox, used when no {@code base-url} is configured.
     *
     * @param enabled set by {@link EmbeddedDefaultsPostProcessor}, not by hand
     */
    public record Sandbox(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("0") int port,
            @DefaultValue("1000000.00") String openingBalance,
            @DefaultValue("1s") Duration nppCompletionDelay,
            @DefaultValue("3s") Duration deCompletionDelay,
            @DefaultValue("30s") Duration webhookRetryPause,
            @DefaultValue("5s") Duration webhookDelay,
            @DefaultValue("30s") Duration slowResponseDelay,
            @DefaultValue("5s") Duration deBatchDelay,
            @DefaultValue("0") long faultSeed,
            @DefaultValue("0.0") double faultRate) {}
}
