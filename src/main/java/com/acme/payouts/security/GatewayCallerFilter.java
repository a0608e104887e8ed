package com.acme.payouts.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Behind Amazon API Gateway with IAM authorization, the gateway has already verified the caller's
 * SigV4 signature and forwards the caller's IAM ARN in a header (mapped from
 * {@code $context.identity.userArn}). This filter trusts that header and maps the ARN to a configured
 * caller. It is only installed when explicitly enabled ({@code payouts.security.gateway.enabled}), and
 * is only safe when nothing but the gateway can reach the service (private integration, security
 * groups): anyone who can reach the port directly could set the header. Unknown ARNs are not
 * authenticated (401).
 */
public class GatewayCallerFilter extends OncePerRequestFilter {

    /** A caller the gateway may forward: its display name, roles and customer scopes. */
    public record GatewayCaller(String name, java.util.Set<Role> roles, java.util.Set<String> customers) {}

    private final String header;
    private final Map<String, GatewayCaller> callers;

    public GatewayCallerFilter(String header, Map<String, GatewayCaller> callers) {
        this.header = header;
        this.callers = Map.copyOf(callers);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String arn = request.getHeader(header);
        if (arn != null && request.getHeader("Authorization") == null) {
            GatewayCaller known = callers.get(arn);
            if (known != null) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new CallerAuthentication(new Caller("iam:" + arn, known.name(), Caller.Kind.GATEWAY,
                        known.roles(), known.customers(), null, null)));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
