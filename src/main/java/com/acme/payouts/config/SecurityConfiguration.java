package com.acme.payouts.config;

import com.acme.payouts.api.ApiKeyApi;
import com.acme.payouts.api.ApiResponses;
import com.acme.payouts.api.AuditApi;
import com.acme.payouts.api.ContractValidator;
import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.audit.PayoutAuditTrail;
import com.acme.payouts.limits.PayoutLimits;
import com.acme.payouts.limits.VelocityLimits;
import com.acme.payouts.payout.CoolingOffPolicy;
import com.acme.payouts.payout.ApprovalPolicy;
import com.acme.payouts.payout.Money;
import com.acme.payouts.security.ApiKeyHasher;
import com.acme.payouts.security.ApiKeys;
import com.acme.payouts.security.AuthenticatedCallerFilter;
import com.acme.payouts.security.BearerAuthenticationManager;
import com.acme.payouts.security.ContractAccessRules;
import com.acme.payouts.security.GatewayCallerFilter;
import com.acme.payouts.security.JwtCallers;
import com.acme.payouts.security.ProblemAccessDeniedHandler;
import com.acme.payouts.security.ProblemAuthenticationEntryPoint;
import com.acme.payouts.security.ProblemWriter;
import com.acme.payouts.security.RateLimiter;
import com.acme.payouts.security.RequestSizeLimitFilter;
import com.acme.payouts.security.Role;
import com.acme.payouts.security.SecretMaterial;
import com.acme.payouts.store.ApiKeyStore;
import com.acme.payouts.store.AuditStore;
import com.acme.payouts.store.LimitCounterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationFilter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.util.StringUtils;

/**
 * Who may call what (ADR 0005): the Spring Security filter chain in front of Camel's platform HTTP,
 * built from the {@code x-required-roles} of the API contract; API keys, JWTs and (when enabled)
 * the API Gateway's verified caller; problem+json for 401/403/413/429; security headers on every
 * response. Also the audit log and the money controls (maker-checker, limits).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Paths that carry their own authentication (or none): a bearer token there is not ours to check. */
    private static final Set<String> NO_BEARER = Set.of("/webhooks/monoova", "/actuator/health");

    @Bean
    ContractAccessRules contractAccessRules(ContractValidator contract) {
        return new ContractAccessRules(contract.api());
    }

    @Bean
    ProblemWriter problemWriter() {
        return new ProblemWriter();
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ContractAccessRules rules,
            ApiKeys apiKeys,
            ProblemWriter problems,
            PayoutsSecurityProperties props) throws Exception {
        var entryPoint = new ProblemAuthenticationEntryPoint(problems);
        var denied = new ProblemAccessDeniedHandler(problems);
        var manager = new BearerAuthenticationManager(apiKeys, jwtProvider(props.jwt()));
        http.csrf(c -> c.disable()) // bearer credentials only: no cookies, no sessions, nothing to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .headers(h -> {
                    h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"));
                    h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER));
                    if (props.behindTls()) {
                        // TLS ends at the load balancer, so the request looks like plain HTTP here.
                        h.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
                                .maxAgeInSeconds(31_536_000)
                                .includeSubDomains(true));
                    }
                })
                .authorizeHttpRequests(a -> {
                    // The same request dispatched again (Camel answers asynchronously; errors) was authorized already.
                    a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
                    a.requestMatchers(path(HttpMethod.GET, "/actuator/health"), path(HttpMethod.GET, "/actuator/health/**"))
                            .permitAll();
                    for (ContractAccessRules.Rule rule : rules.rules()) {
                        var matcher = path(HttpMethod.valueOf(rule.method()), rule.path());
                        if (rule.isPublic()) {
                            a.requestMatchers(matcher).permitAll();
                        } else {
                            a.requestMatchers(matcher).hasAnyAuthority(
                                    rule.roles().stream().map(Role::value).toArray(String[]::new));
                        }
                    }
                    a.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))
                            .hasAuthority(Role.OPS.value());
                    // Deny by default: nothing outside the contract is served to anyone.
                    a.anyRequest().denyAll();
                })
                .oauth2ResourceServer(o -> o.bearerTokenResolver(bearerTokens())
                        .authenticationManagerResolver(request -> manager)
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .addFilterAfter(new AuthenticatedCallerFilter(
                        new RateLimiter(props.rateLimit().perSecond(), props.rateLimit().burst(), System::nanoTime), problems),
                        AuthorizationFilter.class);
        if (props.gateway().enabled()) {
            http.addFilterBefore(new GatewayCallerFilter(props.gateway().callerHeader(), gatewayCallers(props.gateway())),
                    BearerTokenAuthenticationFilter.class);
        }
        return http.build();
    }

    private static PathPatternRequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    private static BearerTokenResolver bearerTokens() {
        DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
        return request -> NO_BEARER.contains(request.getRequestURI()) ? null : resolver.resolve(request);
    }

    /** The OAuth2/OIDC resource server, when an issuer is configured: issuer, audience, lifetime and signature checked. */
    static JwtAuthenticationProvider jwtProvider(PayoutsSecurityProperties.Jwt jwt) {
        if (!StringUtils.hasText(jwt.issuer())) {
            return null;
        }
        if (!StringUtils.hasText(jwt.audience())) {
            throw new IllegalStateException("payouts.security.jwt.audience must be set with the issuer: "
                    + "a token minted for another service must not be accepted here");
        }
        NimbusJwtDecoder decoder = (StringUtils.hasText(jwt.jwkSetUri())
                        ? NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
                        : NimbusJwtDecoder.withIssuerLocation(jwt.issuer()))
                .jwsAlgorithms(algs -> {
                    algs.clear();
                    algs.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256, SignatureAlgorithm.PS256));
                })
                .build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(jwt.clockSkew()),
                new JwtIssuerValidator(jwt.issuer()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(jwt.audience())),
                new JwtClaimValidator<Object>("sub", sub -> sub instanceof String s && !s.isBlank()));
        decoder.setJwtValidator(validator);
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(new JwtCallers(jwt.rolesClaim(), jwt.customersClaim()));
        return provider;
    }

    private static Map<String, GatewayCallerFilter.GatewayCaller> gatewayCallers(PayoutsSecurityProperties.Gateway gateway) {
        Map<String, GatewayCallerFilter.GatewayCaller> callers = new HashMap<>();
        if (gateway.callers() != null) {
            gateway.callers().forEach((arn, c) -> callers.put(arn, new GatewayCallerFilter.GatewayCaller(
                    c.name(), roles(c.roles()), c.customers() == null ? Set.of() : Set.copyOf(c.customers()))));
        }
        return callers;
    }

    static Set<Role> roles(List<String> names) {
        return names == null ? Set.of() : names.stream()
                .map(n -> Role.of(n).orElseThrow(() -> new IllegalStateException("unknown role " + n)))
                .collect(Collectors.toSet());
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(PayoutsSecurityProperties props, ProblemWriter problems) {
        // Before everything else, Spring Security included: an oversized body is refused unread.
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(props.maxRequestBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    // ---- API keys ----

    @Bean
    ApiKeyHasher apiKeyHasher(PayoutsSecurityProperties props, PayoutsProperties payouts, Environment env) {
        boolean aws = Arrays.asList(env.getActiveProfiles()).contains("aws");
        return new ApiKeyHasher(SecretMaterial.pepper(props.apiKeyPepper(), payouts.dataDir(), !aws));
    }

    @Bean
    ApiKeys apiKeys(ApiKeyStore store, ApiKeyHasher hasher, AuditLog audit, Clock clock) {
        return new ApiKeys(store, hasher, audit, clock);
    }

    @Bean
    ApiKeyApi apiKeyApi(ApiKeys keys, ApiResponses responses, ObjectMapper json) {
        return new ApiKeyApi(keys, responses, json);
    }

    @Bean
    SecurityBootstrap securityBootstrap(
            ApiKeys keys, AuditLog audit, PayoutsSecurityProperties security, MoneyControlsProperties controls,
            PayoutsProperties payouts, Environment env) {
        boolean aws = Arrays.asList(env.getActiveProfiles()).contains("aws");
        return new SecurityBootstrap(keys, audit, security, controls, payouts.dataDir(), !aws);
    }

    // ---- audit ----

    @Bean
    AuditLog auditLog(AuditStore store, Clock clock) {
        return new AuditLog(store, clock);
    }

    @Bean
    PayoutAuditTrail payoutAuditTrail(AuditLog log, MeterRegistry meters) {
        return new PayoutAuditTrail(log, meters);
    }

    @Bean
    AuditApi auditApi(AuditLog audit, ApiResponses responses, ObjectMapper json) {
        return new AuditApi(audit, responses, json);
    }

    // ---- money controls ----

    @Bean
    ApprovalPolicy approvalPolicy(MoneyControlsProperties controls) {
        return new ApprovalPolicy(Money.aud(controls.approvalThreshold()), controls.approvalTimeToLive());
    }

    @Bean
    PayoutLimits payoutLimits(LimitCounterStore counters, Clock clock, MoneyControlsProperties controls) {
        Map<String, PayoutLimits.CustomerLimits> customers = new LinkedHashMap<>();
        if (controls.customers() != null) {
            controls.customers().forEach((id, c) -> customers.put(id, new PayoutLimits.CustomerLimits(
                    c.perRequestLimit() == null ? null : Money.aud(c.perRequestLimit()),
                    c.dailyLimit() == null ? null : Money.aud(c.dailyLimit()))));
        }
        var v = controls.velocity();
        VelocityLimits velocity = new VelocityLimits(
                new VelocityLimits.Limit(v.perPayeeCount(), v.perPayeeAmount() == null ? null : Money.aud(v.perPayeeAmount())),
                new VelocityLimits.Limit(v.perCustomerCount(),
                        v.perCustomerAmount() == null ? null : Money.aud(v.perCustomerAmount())),
                v.bucket(), customerVelocity(controls));
        return new PayoutLimits(counters, clock, Money.aud(controls.perRequestLimit()),
                Money.aud(controls.dailyLimitPerCredential()), Money.aud(controls.dailyLimitPerCustomer()), customers,
                velocity);
    }

    private static Map<String, VelocityLimits.CustomerVelocity> customerVelocity(MoneyControlsProperties controls) {
        Map<String, VelocityLimits.CustomerVelocity> out = new LinkedHashMap<>();
        if (controls.customers() != null) {
            controls.customers().forEach((id, c) -> {
                if (c.velocity() != null) {
                    var v = c.velocity();
                    out.put(id, new VelocityLimits.CustomerVelocity(
                            new VelocityLimits.Limit(v.perPayeeCount(), v.perPayeeAmount() == null ? null : Money.aud(v.perPayeeAmount())),
                            new VelocityLimits.Limit(v.perCustomerCount(),
                                    v.perCustomerAmount() == null ? null : Money.aud(v.perCustomerAmount()))));
                }
            });
        }
        return out;
    }

    @Bean
    CoolingOffPolicy coolingOffPolicy(MoneyControlsProperties controls) {
        var c = controls.coolingOff();
        Map<String, Duration> customers = new LinkedHashMap<>();
        if (controls.customers() != null) {
            controls.customers().forEach((id, own) -> {
                if (own.coolingOffPeriod() != null) {
                    customers.put(id, own.coolingOffPeriod());
                }
            });
        }
        return new CoolingOffPolicy(c.period(), CoolingOffPolicy.Mode.valueOf(c.mode().trim().toUpperCase(java.util.Locale.ROOT)),
                customers);
    }
}
