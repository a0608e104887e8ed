package com.acme.payouts.namecheck;

import java.math.BigDecimal;

/** Asks Monoova who owns a PayID (the port of {@link NameCheckService}; {@code MonoovaNameCheck} implements it). */
public interface PayIdOwners {

    /** What the verification answered, classified. */
    sealed interface Answer permits Owner, NotFound, Refused, Unavailable {}

    /** Monoova answered Ok with the owner's name (which may be null: Monoova has none to give). */
    record Owner(String ownerName, BigDecimal feeIncGst, String token) implements Answer {
        @Override
        public String toString() {
            return "Owner[ownerName=<redacted>, feeIncGst=" + feeIncGst + ", token=" + token + "]";
        }
    }

    /** Monoova does not know the PayID (one of the configured codes). */
    record NotFound(String code) implements Answer {}

    /** Monoova refused the request (HTTP 400 with its envelope and another code): asking again won't help. */
    record Refused(String code) implements Answer {}

    /**
     * No usable answer: 5xx, timeout, connection failure, or a body we can't read. Whether Monoova started
     * (and charged for) a verification is unknown; asking again later may.
     */
    record Unavailable(String reason) implements Answer {}

    /**
     * @param payIdType the spec's PayID type name ({@code Email}, {@code PhoneNumber}, ...)
     * @param verificationIdentifier our reference for this verification (no personal data)
     */
    Answer ownerOf(String payIdType, String payId, String accountName, String verificationIdentifier);
}
