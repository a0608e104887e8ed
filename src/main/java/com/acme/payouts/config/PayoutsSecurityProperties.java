package com.acme.payouts.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the service, and the controls on money (ADR 0005, docs/security.md).
 *
 * @param bootstrapToken the bootstrap operator key's token ({@code PAYOUTS_BOOTSTRAP_TOKEN}); when blank
 *     on the embedded default, one is generated at first start, printed once and written to
 *     {@code <data-dir>/bootstrap-token} (owner-only)
 * @param bootstrapRoles the bootstrap key's roles: everything but {@code payout:approve}, so that one
 *     key alone can never complete maker-checker
 * @param apiKeyPepper the HMAC key API key hashes are made with (at least 32 bytes, base64); when blank
 *     on the embedded default, a random one is kept in {@code <data-dir>/secrets/api-key-pepper}
 * @param payeeIndexKey the HMAC key of the payee blind index (at least 32 bytes, base64), separate from every
 *     encryption key; when blank on the embedded default, a random one is kept in
 *     {@code <data-dir>/secrets/payee-index-key}
 * @param queueSourceName who payout requests from the upstream queue are attributed to
 * @param maxRequestBytes larger request bodies are refused with 413
 * @param behindTls send {@code Strict-Transport-Security} on every response (TLS ends at the load balancer)
 */
@ConfigurationProperties("payouts.security")
public record PayoutsSecurityProperties(
        String bootstrapToken,
        @DefaultValue({"ops", "payee:write", "payee:read", "payout:create", "payout:read"}) List<String> bootstrapRoles,
        String apiKeyPepper,
        String payeeIndexKey,
        @DefaultValue("sqs:payout-requests") String queueSourceName,
        @DefaultValue("65536") int maxRequestBytes,
        @DefaultValue("false") boolean behindTls,
        @DefaultValue Jwt jwt,
        @DefaultValue Gateway gateway,
        @DefaultValue RateLimit rateLimit) {

    /**
     * OAuth2/OIDC JWTs from the company's identity provider; on when {@code issuer} is set.
     *
     * @param jwkSetUri where the provider's signing keys are (defaults to the issuer's discovery)
     * @param clockSkew how far {@code exp}/{@code nbf} may be off; kept small
     * @param rolesClaim the claim holding roles (space-separated string or list)
     * @param customersClaim the claim holding customer scopes
     */
    public record Jwt(
            String issuer,
            String audience,
            String jwkSetUri,
            @DefaultValue("30s") Duration clockSkew,
            @DefaultValue("scope") String rolesClaim,
            @DefaultValue("customers") String customersClaim) {}

    /**
     * Behind API Gateway with IAM authorization: the verified caller's ARN forwarded in {@code callerHeader}.
     * Only trustworthy when nothing but the gateway can reach the service.
     *
     * @param callers ARN to caller: {@code name}, {@code roles}, {@code customers}
     */
    public record Gateway(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("X-Payouts-Caller-Arn") String callerHeader,
            Map<String, Caller> callers) {

        public record Caller(String name, List<String> roles, List<String> customers) {}
    }

    /** Per credential, per instance. */
    public record RateLimit(@DefaultValue("20") int perSecond, @DefaultValue("40") int burst) {}
}
