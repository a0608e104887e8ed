package com.acme.payouts.store;

import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.crypto.SealedPayee;
import java.util.List;
import java.util.Optional;

/**
 * Where payees live (ADR 0010): a head per payee (owner, current version, masked facts, blind index) and one record
 * per version holding that version's masked facts, ciphertext and wrapped data key. Nothing here is plain payee data.
 *
 * <p>The blind index is unique per customer: a second payee with the same destination for the same customer can't
 * be stored. Deleting a payee destroys the wrapped data key of every version (crypto-shredding) before it forgets the
 * head, so a delete interrupted half-way can be repeated and never leaves a readable version behind.
 */
public interface PayeeStore {

    /** What {@link #insert} and {@link #addVersion} did. */
    sealed interface WriteResult permits Written, IdTaken, Duplicate, VersionConflict {}

    /** Stored. */
    record Written() implements WriteResult {}

    /** The payee id is taken (insert only; the caller picks another). */
    record IdTaken() implements WriteResult {}

    /** Another live payee of the customer has this blind index; nothing was stored. */
    record Duplicate(String existingPayeeId) implements WriteResult {}

    /** The payee moved past {@code expectedVersion} (or is gone) meanwhile; nothing was stored. */
    record VersionConflict() implements WriteResult {}

    /** One stored version's sealed data, for key rotation. */
    record SealedVersion(String payeeId, int version, SealedPayee sealed) {}

    /** Stores version 1 of a new payee with its blind index. */
    WriteResult insert(StoredPayee payee, String blindIndex);

    /** The payee with its current version; empty if unknown or deleted. */
    Optional<StoredPayee> find(String id);

    /** One version of a live payee; empty if the payee or that version is unknown, or the payee was deleted. */
    Optional<StoredPayee> findVersion(String id, int version);

    /** The customer's live payees (current versions, masked), newest first. */
    Page<Payee> listByCustomer(String customerId, int limit, String cursor);

    /**
     * Stores {@code next} (whose {@code payee().version()} is {@code expectedVersion + 1}) as the current version,
     * moving the payee's blind index to {@code blindIndex}. Older versions stay readable for the payouts made to them.
     */
    WriteResult addVersion(StoredPayee next, int expectedVersion, String blindIndex);

    /**
     * Crypto-shreds the payee: destroys the wrapped data key of every version, releases its blind index and forgets
     * the head. Ciphertexts may remain (they can never be opened again). False if there was no such live payee.
     */
    boolean delete(String id);

    /** Up to {@code limit} versions whose data key is wrapped under a key other than {@code kekId}. */
    List<SealedVersion> wrappedNotUnder(String kekId, int limit);

    /** How many versions still have a data key (shredded ones don't), and how many of them are under {@code kekId}. */
    long[] countWrapped(String kekId);

    /**
     * Replaces {@code current}'s wrapped data key with {@code rewrapped} if it is still exactly {@code current}'s
     * (not re-wrapped by someone else, not shredded meanwhile). False if it changed; the caller re-reads.
     */
    boolean rewrap(SealedVersion current, SealedPayee rewrapped);
}
