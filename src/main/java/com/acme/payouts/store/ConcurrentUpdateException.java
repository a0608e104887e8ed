package com.acme.payouts.store;

/** A compare-and-set write lost: the record changed since it was read. Re-read and decide again. */
public class ConcurrentUpdateException extends RuntimeException {

    public ConcurrentUpdateException(String id, long expectedVersion) {
        super("record " + id + " is no longer at version " + expectedVersion);
    }
}
