package com.acme.payouts.store;

/**
 * Keys of messages a consumer has finished with, so a redelivered copy is recognised. {@link #add}
 * must be an atomic put-if-absent: it is the backing of Camel's idempotent consumers.
 */
public interface ProcessedMessageStore {

    /** {@code true} if the key was new and is now recorded; {@code false} if it was already there. */
    boolean add(String repository, String key);

    boolean contains(String repository, String key);

    boolean remove(String repository, String key);

    void clear(String repository);
}
