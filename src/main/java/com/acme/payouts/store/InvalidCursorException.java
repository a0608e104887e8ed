package com.acme.payouts.store;

/** A paging cursor that this store did not issue. */
public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException() {
        super("invalid cursor");
    }
}
