package com.acme.payouts.payout;

import java.util.Objects;

/**
 * Who did something to a payout: an API key, a JWT subject, a gateway caller, a queue source or
 * the service itself. Identifiers and names only, never a credential.
 *
 * @param id stable principal id, e.g. {@code key:abcd...}, {@code jwt:<sub>}, {@code queue:sqs:payout-requests}
 * @param name display name given to the principal (an API key's name, a queue's source name)
 */
public record Actor(String id, String name) {

    /** The service's own workers (submission, sweeper, expiry). */
    public static final Actor SYSTEM = new Actor("system", "payouts service");
    /** Monoova, speaking through execute answers, status lookups and webhooks. */
    public static final Actor MONOOVA = new Actor("monoova", "Monoova");

    public Actor {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
    }

    /** Whether this is the same principal as {@code other} (by id). */
    public boolean sameAs(Actor other) {
        return other != null && id.equals(other.id);
    }
}
