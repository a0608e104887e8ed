package com.acme.payouts.store;

import com.acme.payouts.audit.AuditEntry;
import java.util.List;
import java.util.Optional;

/**
 * Where the audit chain lives. {@link #append} must be an atomic put-if-absent on the sequence
 * number: of several writers (threads or instances) appending the same next number exactly one
 * wins, which keeps the chain linear. Entries are never updated or deleted through this interface.
 */
public interface AuditStore {

    /** The entry with the highest sequence number, if any. */
    Optional<AuditEntry> head();

    /** Stores {@code entry}; {@code false} (nothing written) if its sequence number is taken. */
    boolean append(AuditEntry entry);

    /** Entries with {@code seq >= fromSeq}, in order, at most {@code limit}. */
    List<AuditEntry> range(long fromSeq, int limit);

    /** Entries about {@code entity} with {@code seq < beforeSeq}, newest first, at most {@code limit}. */
    List<AuditEntry> byEntity(String entity, long beforeSeq, int limit);
}
