package com.acme.payouts.payee;

import java.util.Optional;

/**
 * The PayID kinds Monoova accepts in {@code toNppCreditPayIdDetails.payIdType}.
 *
 * <p>Java constant names follow our conventions while {@link #wireName()} keeps Monoova's exact spelling, because
 * the API enum is case-sensitive and mixes styles ({@code ABN} next to {@code PhoneNumber}).
 */
public enum PayIdType {
    EMAIL("Email"),
    PHONE_NUMBER("PhoneNumber"),
    ABN("ABN"),
    ACN("ACN"),
    ORGANISATION_ID("OrganisationId");

    private final String wireName;

    PayIdType(String wireName) {
        this.wireName = wireName;
    }

    /** The value exactly as Monoova's {@code payIdType} enum spells it. */
    public String wireName() {
        return wireName;
    }

    /** Exact, case-sensitive match on Monoova's spelling; anything else (including {@code null}) is empty. */
    public static Optional<PayIdType> fromWire(String wireName) {
        for (PayIdType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
