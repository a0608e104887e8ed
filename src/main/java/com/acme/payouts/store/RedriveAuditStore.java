package com.acme.payouts.store;

import java.util.List;

/**
 * The append-only audit of dead-letter redrives: who sent which message back, when. Records are only
 * ever added (a conditional insert on the id); nothing updates or deletes them.
 */
public interface RedriveAuditStore {

    /** @throws IllegalStateException if a record with this id exists (an audit record is never replaced) */
    void append(RedriveRecord record);

    /** The most recent records, newest first. */
    List<RedriveRecord> recent(int limit);
}
