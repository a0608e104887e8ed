package com.acme.payouts.support;

import java.util.Objects;

/**
 * One reason a payee was refused, shaped for an RFC 9457 problem response: the JSON field it concerns, a stable
 * machine-readable code and a human message.
 *
 * <p>The message describes the rule, never the submitted value: these errors travel to clients, logs and dead-letter
 * queues, and the value is personal data.
 *
 * @param field the request's JSON field (or header or parameter) name, e.g. {@code bsb}, {@code amount}
 * @param code one of the constants below
 */
public record FieldError(String field, String code, String message) {

    /** The field is missing or blank. */
    public static final String REQUIRED = "required";
    /** The value does not have the required shape or characters. */
    public static final String INVALID_FORMAT = "invalid_format";
    /** The value is too short or too long. */
    public static final String INVALID_LENGTH = "invalid_length";
    /** An ABN or ACN whose check digits don't match. */
    public static final String INVALID_CHECKSUM = "invalid_checksum";
    /** The field was sent but doesn't belong to this payee type. */
    public static final String NOT_APPLICABLE = "not_applicable";
    /** Direct Entry can't pay this kind of payee at all (PayIDs are NPP-only). */
    public static final String DIRECT_ENTRY_UNSUPPORTED = "direct_entry_unsupported";
    /** Valid for NPP but longer (or shorter) than Direct Entry allows. */
    public static final String DIRECT_ENTRY_LENGTH = "direct_entry_length";
    /** Valid for NPP but uses characters outside the Direct Entry character set. */
    public static final String DIRECT_ENTRY_CHARSET = "direct_entry_charset";

    /** Monoova's BSB directory does not know this BSB. */
    public static final String BSB_UNKNOWN = "bsb_unknown";
    /** Monoova's BSB directory says the branch is closed (the message names a replacement when Monoova gives one). */
    public static final String BSB_CLOSED = "bsb_closed";
    /** A check the field needs could not be made right now (503). */
    public static final String CHECK_UNAVAILABLE = "check_unavailable";

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
