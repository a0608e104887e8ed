package com.acme.payouts.payee.crypto;

/**
 * Sealing or opening a payee failed, or the key-encryption keys are unusable. Messages name payee ids and key ids
 * (internal identifiers), never payee data or key material.
 */
public class PayeeCryptoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayeeCryptoException(String message) {
        super(message);
    }

    public PayeeCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
