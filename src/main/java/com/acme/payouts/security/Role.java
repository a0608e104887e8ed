package com.acme.payouts.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a caller may do. The names are the ones the API contract declares per operation
 * ({@code x-required-roles}), API keys are bound to and JWTs carry (as scopes or a roles claim).
 */
public enum Role {
    PAYOUT_CREATE("payout:create"),
    PAYOUT_READ("payout:read"),
    PAYOUT_APPROVE("payout:approve"),
    PAYEE_WRITE("payee:write"),
    PAYEE_READ("payee:read"),
    /** Operations: API keys, the audit trail, dead letters, redrive, reconciliation. */
    OPS("ops");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Role> of(String value) {
        return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
