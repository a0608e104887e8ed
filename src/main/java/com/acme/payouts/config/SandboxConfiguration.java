package com.acme.payouts.config;

import com.acme.payouts.sandbox.MonoovaSandbox;
import com.acme.payouts.sandbox.SandboxConfig;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the in-process Monoova sandbox when no real Monoova is configured. It listens on its own
 * port, so the service reaches it over real HTTP exactly as it would reach Monoova.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "monoova.sandbox.enabled", havingValue = "true")
public class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    MonoovaSandbox monoovaSandbox(MonoovaProperties monoova) {
        MonoovaProperties.Sandbox s = monoova.sandbox();
        MonoovaSandbox sandbox = MonoovaSandbox.start(SandboxConfig.builder()
                .port(s.port())
                .apiKey(monoova.apiKey())
                .mAccountNumber(monoova.mAccount())
                .openingBalance(new BigDecimal(s.openingBalance()))
                .nppCompletionDelay(s.nppCompletionDelay())
                .deCompletionDelay(s.deCompletionDelay())
                .webhookRetryPause(s.webhookRetryPause())
                .webhookDelay(s.webhookDelay())
                .slowResponseDelay(s.slowResponseDelay())
                .deBatchDelay(s.deBatchDelay())
                .faultSeed(s.faultSeed())
                .faultRate(s.faultRate())
                .build());
        LOG.info("embedded Monoova sandbox listening on {} (see docs/sandbox.md)", sandbox.baseUri());
        return sandbox;
    }
}
