package com.acme.payouts.payee;

import com.acme.payouts.support.DependencyUnavailableException;
import com.acme.payouts.support.FieldError;

/**
 * Monoova's BSB check could not be made (timeout, network error, 5xx, our credentials refused, an answer that is
 * not the documented shape). The safe reading is "not checked", so registration is refused for now rather than
 * storing a bank account nobody verified (docs/monoova-interpretation.md).
 */
public class BsbCheckUnavailableException extends DependencyUnavailableException {

    private static final long serialVersionUID = 1L;

    public BsbCheckUnavailableException(String reason, Throwable cause) {
        super(new FieldError("bsb", FieldError.CHECK_UNAVAILABLE,
                "the BSB could not be checked with Monoova just now (" + reason + "); try again shortly"), cause);
    }
}
