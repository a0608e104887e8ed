package com.acme.payouts.security;

import com.acme.payouts.payout.Actor;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Requester;
import java.util.EnumSet;
import java.util.Set;

/**
 * An authenticated principal as the routes see it: who (id and name, never a credential), which
 * roles, which customers it may see, and its payout limits.
 *
 * @param customers the customer ids this caller is scoped to; empty means not scoped (all customers)
 * @param perRequestLimit null: the configured default
 * @param dailyLimit null: the configured default
 */
public record Caller(
        String id, String name, Kind kind, Set<Role> roles, Set<String> customers, Money perRequestLimit, Money dailyLimit) {

    /** How the caller proved who it is. */
    public enum Kind {
        API_KEY,
        JWT,
        GATEWAY
    }

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        customers = Set.copyOf(customers);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean scoped() {
        return !customers.isEmpty();
    }

    /** Whether this caller may see or act for {@code customerId}. */
    public boolean mayAccess(String customerId) {
        return !scoped() || customers.contains(customerId);
    }

    public Actor actor() {
        return new Actor(id, name);
    }

    public Requester requester() {
        return new Requester(actor(), perRequestLimit, dailyLimit, customers);
    }

    @Override
    public String toString() {
        return "Caller[" + id + " (" + kind + "), roles " + roles + (scoped() ? ", customers " + customers : "") + "]";
    }
}
