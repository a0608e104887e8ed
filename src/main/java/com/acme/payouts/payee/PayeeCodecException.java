package com.acme.payouts.payee;

/**
 * The bytes were not a payee destination this codec wrote. Its message never quotes the bytes, which are decrypted
 * personal data.
 */
public class PayeeCodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayeeCodecException(String message) {
        super(message);
    }
}
