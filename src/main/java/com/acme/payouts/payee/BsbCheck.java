package com.acme.payouts.payee;

import java.util.Objects;
import java.util.Optional;

/**
 * What the BSB directory said about one BSB. A BSB is bank and branch, not personal data, so it may be quoted
 * (the replacement hint is shown to the client).
 *
 * @param replacementBsb for a closed branch, the BSB its record names as replacement (normalised), if any
 */
public record BsbCheck(Status status, String replacementBsb) {

    public enum Status {
        /** Known and open: payable. */
        OPEN,
        /** Known but closed ({@code closed: true}). */
        CLOSED,
        /** Monoova does not know the BSB (it refused the lookup). */
        UNKNOWN
    }

    public BsbCheck {
        Objects.requireNonNull(status, "status");
    }

    public static BsbCheck open() {
        return new BsbCheck(Status.OPEN, null);
    }

    public static BsbCheck closed(String replacementBsb) {
        return new BsbCheck(Status.CLOSED, replacementBsb);
    }

    public static BsbCheck unknown() {
        return new BsbCheck(Status.UNKNOWN, null);
    }

    public Optional<String> replacement() {
        return Optional.ofNullable(replacementBsb);
    }
}
