package com.acme.payouts.store;

import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where payouts live. Implementations must make {@link #insert} and {@link #update} atomic
 * conditional writes: they are what keeps two instances from both moving the same payout.
 */
public interface PayoutStore {

    /** Stores a new payout; {@code false} if a payout with that id already exists (nothing is changed). */
    boolean insert(Payout payout);

    Optional<Payout> find(String id);

    /**
     * Replaces the stored payout with {@code updated} only if the stored version is still
     * {@code expectedVersion}.
     *
     * @throws ConcurrentUpdateException if another writer got there first
     */
    void update(Payout updated, long expectedVersion);

    /** Payouts in one of {@code statuses} whose last change is older than {@code before}, oldest first. */
    List<Payout> findStale(Set<PayoutStatus> statuses, Instant before, int limit);

    /** One page of payouts, newest first. */
    Page<Payout> list(PayoutQuery query);

    /**
     * How many payouts are in each of {@code statuses} now (every one of them a key). Meant for the
     * open states, which stay small; counting a final state reads every payout ever settled in it.
     */
    Map<PayoutStatus, Long> countByStatus(Set<PayoutStatus> statuses);
}
