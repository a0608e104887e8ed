package com.acme.payouts.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after authentication and authorization: answers 429 (with {@code Retry-After}) to a credential
 * over its rate, and hands the {@link Caller} to the routes as a request attribute. Camel's platform
 * HTTP consumer processes the exchange on another thread, where Spring Security's thread-local
 * context is not set, but the request object travels with the exchange ({@link Callers}).
 */
public class AuthenticatedCallerFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final ProblemWriter problems;

    public AuthenticatedCallerFilter(RateLimiter limiter, ProblemWriter problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            Duration wait = limiter.check(caller.id());
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                problems.write(request, response, 429, "rate-limited", "Too Many Requests",
                        "this credential sent too many requests; retry after " + seconds + " s");
                return;
            }
            request.setAttribute(Callers.ATTRIBUTE, caller);
        }
        chain.doFilter(request, response);
    }
}
