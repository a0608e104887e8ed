package com.acme.payouts.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a validated JWT (issuer, audience, signature and lifetime already checked) into a
 * {@link Caller}: {@code sub} is the principal, roles come from a configurable claim (by default the
 * OAuth2 {@code scope}, space-separated or a list), customer scopes from another. Claims naming no
 * role we know are ignored.
 */
public class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;
    private final String customersClaim;

    public JwtCallers(String rolesClaim, String customersClaim) {
        this.rolesClaim = rolesClaim;
        this.customersClaim = customersClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : values(jwt.getClaim(rolesClaim))) {
            Role.of(value).ifPresent(roles::add);
        }
        Set<String> customers = new HashSet<>(values(jwt.getClaim(customersClaim)));
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("the token has no subject");
        }
        // The client id names a service; a person's token gets its opaque subject, never an email.
        Object clientId = jwt.getClaims().getOrDefault("azp", jwt.getClaims().get("client_id"));
        String name = clientId instanceof String s && !s.isBlank() ? s : subject;
        return new CallerAuthentication(new Caller("jwt:" + subject, name, Caller.Kind.JWT, roles, customers, null, null));
    }

    private static List<String> values(Object claim) {
        if (claim instanceof String s) {
            return List.of(s.trim().split("\\s+")).stream().filter(v -> !v.isEmpty()).toList();
        }
        if (claim instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
