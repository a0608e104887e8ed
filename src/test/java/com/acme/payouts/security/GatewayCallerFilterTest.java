package com.acme.payouts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Behind API Gateway (IAM auth): the forwarded caller ARN becomes a caller only if it is configured. */
class GatewayCallerFilterTest {

    private static final String ARN = "arn:aws:iam::123456789012:role/upstream-billing";
    private final GatewayCallerFilter filter = new GatewayCallerFilter("X-Payouts-Caller-Arn",
            Map.of(ARN, new GatewayCallerFilter.GatewayCaller("billing", Set.of(Role.PAYOUT_CREATE), Set.of("c-1"))));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private Authentication through(MockHttpServletRequest request) throws Exception {
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return SecurityContextHolder.getContext().getAuthentication();
    }

    @Test
    void a_configured_arn_is_a_caller_with_its_roles_and_scopes() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/payouts");
        request.addHeader("X-Payouts-Caller-Arn", ARN);
        Caller caller = (Caller) through(request).getPrincipal();
        assertThat(caller.id()).isEqualTo("iam:" + ARN);
        assertThat(caller.kind()).isEqualTo(Caller.Kind.GATEWAY);
        assertThat(caller.roles()).containsExactly(Role.PAYOUT_CREATE);
        assertThat(caller.customers()).containsExactly("c-1");
    }

    @Test
    void an_unknown_arn_or_a_request_with_its_own_credential_is_not_taken_from_the_header() throws Exception {
        MockHttpServletRequest unknown = new MockHttpServletRequest("POST", "/v1/payouts");
        unknown.addHeader("X-Payouts-Caller-Arn", "arn:aws:iam::123456789012:role/someone-else");
        assertThat(through(unknown)).isNull();
        MockHttpServletRequest bearer = new MockHttpServletRequest("POST", "/v1/payouts");
        bearer.addHeader("X-Payouts-Caller-Arn", ARN);
        bearer.addHeader("Authorization", "Bearer pk_aaaaaaaaaaaaaaaa_x");
        assertThat(through(bearer)).isNull();
    }
}
