package com.acme.payouts.security;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * An API key as stored: its id, name, roles and scopes, and only a salted HMAC of its secret. During
 * a rotation's overlap the previous secret's salt and hash stay valid until {@code previousValidUntil}.
 *
 * @param createdBy principal id of the operator who created it
 * @param version for compare-and-set updates (rotate, revoke)
 */
public record ApiKey(
        String id,
        String name,
        Set<Role> roles,
        Set<String> customers,
        byte[] salt,
        byte[] secretHash,
        byte[] previousSalt,
        byte[] previousHash,
        Instant previousValidUntil,
        BigDecimal perRequestLimit,
        BigDecimal dailyLimit,
        String createdBy,
        Instant createdAt,
        Instant rotatedAt,
        Instant revokedAt,
        long version) {

    public ApiKey {
        roles = Set.copyOf(roles);
        customers = Set.copyOf(customers);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Never the salt or hash: they are no secret to the holder of the key, but no use to anyone else. */
    @Override
    public String toString() {
        return "ApiKey[" + id + " '" + name + "' roles " + roles + (revoked() ? " revoked" : "") + "]";
    }
}
