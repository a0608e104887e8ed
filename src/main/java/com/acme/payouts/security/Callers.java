package com.acme.payouts.security;

import com.acme.payouts.api.ApiProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/** The authenticated {@link Caller} of a REST exchange, as {@link AuthenticatedCallerFilter} left it. */
public final class Callers {

    /** Request attribute and exchange property holding the caller. */
    public static final String ATTRIBUTE = "com.acme.payouts.caller";

    private Callers() {}

    /**
     * @throws ApiProblemException 401 if there is none: only reachable if a route were served without
     *     the security filter chain, which the chain's deny-by-default rules out
     */
    public static Caller of(Exchange exchange) {
        Caller cached = exchange.getProperty(ATTRIBUTE, Caller.class);
        if (cached != null) {
            return cached;
        }
        HttpServletRequest request = request(exchange.getIn());
        Object caller = request == null ? null : request.getAttribute(ATTRIBUTE);
        if (!(caller instanceof Caller c)) {
            throw ApiProblemException.unauthorized("a bearer credential is required");
        }
        exchange.setProperty(ATTRIBUTE, c);
        return c;
    }

    private static HttpServletRequest request(Message message) {
        if (message instanceof PlatformHttpMessage http) {
            return http.getRequest();
        }
        return message.getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
    }
}
