package com.acme.payouts.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.Actor;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/** The per-credential rate limit as callers see it: 429 problem+json with Retry-After, per credential. */
class AuthenticatedCallerFilterTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final AuthenticatedCallerFilter filter =
            new AuthenticatedCallerFilter(new RateLimiter(1, 2, now::get), new ProblemWriter());

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private MockHttpServletResponse call(String callerId) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(
                new Caller(callerId, "app", Caller.Kind.API_KEY, Set.of(Role.PAYOUT_READ), Set.of(), null, null)));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/payouts");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            assertThat(request.getAttribute(Callers.ATTRIBUTE)).as("the caller is handed to the routes")
                    .isInstanceOf(Caller.class);
        }
        return response;
    }

    @Test
    void over_the_rate_a_credential_gets_429_with_retry_after_and_others_are_unaffected() throws Exception {
        assertThat(call("key:a").getStatus()).isEqualTo(200);
        assertThat(call("key:a").getStatus()).isEqualTo(200);
        MockHttpServletResponse limited = call("key:a");
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
        assertThat(limited.getContentType()).startsWith("application/problem+json");
        assertThat(limited.getContentAsString()).contains("\"status\":429", "/problems/rate-limited");
        assertThat(call("key:b").getStatus()).isEqualTo(200);
        now.addAndGet(1_000_000_000L);
        assertThat(call("key:a").getStatus()).isEqualTo(200);
        assertThat(new Actor("key:a", "app").sameAs(new Actor("key:a", "other"))).isTrue();
    }
}
