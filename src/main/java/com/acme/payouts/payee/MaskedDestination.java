package com.acme.payouts.payee;

/**
 * The only shape of a payee that may leave the vault (API responses, logs, queue messages, dead letters). Every
 * value is already masked by {@link Masking}; fields that don't apply to the payee type are {@code null}.
 *
 * @param payIdType Monoova's wire spelling (e.g. {@code PhoneNumber}); not personal data, so shown as is
 */
public record MaskedDestination(
        PayeeType type, String bsb, String accountNumber, String payIdType, String payId, String accountName) {}
