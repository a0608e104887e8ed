package com.acme.payouts.config;

import com.acme.payouts.audit.AuditEntry;
import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.payout.Actor;
import com.acme.payouts.security.ApiKeys;
import com.acme.payouts.security.SecretMaterial;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.util.StringUtils;

/**
 * At start: makes sure the bootstrap operator key exists, and records a change of the
 * security-relevant configuration in the audit trail.
 *
 * <p>A generated bootstrap token is the one secret this service ever prints: once, to the console
 * (not through the logging system), at the first start of an embedded default without
 * {@code PAYOUTS_BOOTSTRAP_TOKEN}, and written to {@code <data-dir>/bootstrap-token} (owner-only) for
 * the README's walkthrough. It is never shown again; an operator who loses it sets
 * {@code PAYOUTS_BOOTSTRAP_TOKEN} to replace it.
 */
public class SecurityBootstrap implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityBootstrap.class);
    static final String CONFIG_ENTITY = "config:security";

    private final ApiKeys keys;
    private final AuditLog audit;
    private final PayoutsSecurityProperties security;
    private final MoneyControlsProperties controls;
    private final Path dataDir;
    private final boolean embedded;

    public SecurityBootstrap(ApiKeys keys, AuditLog audit, PayoutsSecurityProperties security,
            MoneyControlsProperties controls, Path dataDir, boolean embedded) {
        this.keys = keys;
        this.audit = audit;
        this.security = security;
        this.controls = controls;
        this.dataDir = dataDir;
        this.embedded = embedded;
    }

    @Override
    public void run(ApplicationArguments args) {
        recordConfiguration();
        Optional<String> generated = keys.bootstrap(security.bootstrapToken(),
                SecurityConfiguration.roles(security.bootstrapRoles()), embedded);
        generated.ifPresent(this::showOnce);
    }

    private void showOnce(String token) {
        boolean written = SecretMaterial.writeBootstrapToken(dataDir, token);
        Path file = dataDir.resolve("bootstrap-token").toAbsolutePath();
        // System.out, not a logger: the one secret ever shown, shown once, and kept out of log pipelines.
        System.out.println("""

                ==== Bootstrap operator key (shown once; keep it safe) ====
                %s
                %s
                Set PAYOUTS_BOOTSTRAP_TOKEN to replace it; revoke it with POST /v1/api-keys/bootstrap/revoke.
                ===========================================================
                """.formatted(token, written ? "Also written to " + file + " (owner-only): delete it once copied." : ""));
        LOG.warn("a bootstrap operator key was generated and shown once on the console{}",
                written ? " (and written to " + file + ")" : "");
    }

    /** Appends {@code config.changed} when the security-relevant settings differ from the last recorded ones. */
    void recordConfiguration() {
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("approvalThreshold", controls.approvalThreshold().toPlainString());
        now.put("approvalTimeToLive", controls.approvalTimeToLive().toString());
        now.put("perRequestLimit", controls.perRequestLimit().toPlainString());
        now.put("dailyLimitPerCredential", controls.dailyLimitPerCredential().toPlainString());
        now.put("dailyLimitPerCustomer", controls.dailyLimitPerCustomer().toPlainString());
        now.put("customerLimits", controls.customers() == null ? Map.of() : controls.customers().keySet());
        now.put("coolingOff", controls.coolingOff().period() + " " + controls.coolingOff().mode());
        var v = controls.velocity();
        now.put("velocity", "payee " + v.perPayeeCount() + "/" + v.perPayeeAmount() + ", customer " + v.perCustomerCount()
                + "/" + v.perCustomerAmount() + ", bucket " + v.bucket());
        now.put("rateLimitPerSecond", security.rateLimit().perSecond());
        now.put("rateLimitBurst", security.rateLimit().burst());
        now.put("jwtIssuer", StringUtils.hasText(security.jwt().issuer()) ? security.jwt().issuer() : "");
        now.put("jwtAudience", StringUtils.hasText(security.jwt().audience()) ? security.jwt().audience() : "");
        now.put("gatewayIdentity", security.gateway().enabled());
        now.put("bootstrapRoles", security.bootstrapRoles());
        now.put("queueSourceName", security.queueSourceName());
        AuditEntry written = null;
        Optional<AuditEntry> last = audit.latest(CONFIG_ENTITY);
        String before = last.map(AuditEntry::after).orElse(null);
        try {
            String after = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(now);
            if (!after.equals(before)) {
                written = audit.append("config.changed", CONFIG_ENTITY, Actor.SYSTEM, before, after);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (written != null) {
            LOG.info("security configuration recorded in the audit trail (entry {})", written.seq());
        }
    }
}
