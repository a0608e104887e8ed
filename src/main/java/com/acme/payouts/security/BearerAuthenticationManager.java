package com.acme.payouts.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Decides what a bearer token is: a JWT goes to the OAuth2/OIDC provider (when one is configured),
 * anything else is looked up as an API key. Every failure is the same "invalid token": which check
 * failed is nobody's business but ours.
 */
public class BearerAuthenticationManager implements AuthenticationManager {

    private final ApiKeys apiKeys;
    private final AuthenticationProvider jwt;

    /** @param jwt the JWT provider, or null when no identity provider is configured */
    public BearerAuthenticationManager(ApiKeys apiKeys, AuthenticationProvider jwt) {
        this.apiKeys = apiKeys;
        this.jwt = jwt;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            throw new InvalidBearerTokenException("unsupported authentication");
        }
        String token = bearer.getToken();
        if (ApiKeyTokens.looksLikeJwt(token)) {
            if (jwt == null) {
                throw new InvalidBearerTokenException("invalid token");
            }
            try {
                return jwt.authenticate(bearer);
            } catch (RuntimeException invalid) {
                // The provider's message can quote claims; ours says nothing.
                throw new InvalidBearerTokenException("invalid token");
            }
        }
        Optional<Caller> caller = apiKeys.authenticate(token);
        return new CallerAuthentication(caller.orElseThrow(() -> new InvalidBearerTokenException("invalid token")));
    }
}
