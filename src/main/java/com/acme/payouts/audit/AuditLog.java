package com.acme.payouts.audit;

import com.acme.payouts.payout.Actor;
import com.acme.payouts.store.AuditStore;
import com.acme.payouts.store.InvalidCursorException;
import com.acme.payouts.store.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tamper-evident audit trail: every state change of payouts and payees, every approval, key
 * operation, redrive and configuration change is {@link #append appended} as one link of a hash
 * chain. {@link #verify} recomputes the chain and names the first broken link.
 *
 * <p>Appends are linear across instances: an entry is written with a conditional put on its sequence
 * number ({@link AuditStore#append}); a writer that loses re-reads the head and takes the next
 * number. Within one instance appends are serialised by a lock, so they don't race each other.
 *
 * <p>Callers pass {@code before}/{@code after} already masked (views, never payee details, secrets or
 * hashes of secrets); they are stored as JSON.
 */
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_ATTEMPTS = 50;
    private static final int VERIFY_BATCH = 500;

    private final AuditStore store;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ReentrantLock lock = new ReentrantLock();
    /** The last entry this instance wrote or read as head: the next append tries the number after it. */
    private AuditEntry last;

    public AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Result of {@link #verify}. */
    public record Verification(boolean valid, long entriesChecked, long headSeq, String headHash, Long firstBrokenSeq, String reason) {}

    /**
     * Appends one entry and returns it.
     *
     * @param action what happened, e.g. {@code payout.approved}, {@code api-key.revoked}, {@code payout.redriven}
     * @param entity {@code <type>:<id>}
     * @param before masked view before the change (any JSON-serialisable object), or null
     * @param after masked view after the change, or null
     */
    public AuditEntry append(String action, String entity, Actor actor, Object before, Object after) {
        String beforeJson = toJson(before);
        String afterJson = toJson(after);
        lock.lock();
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                AuditEntry head = last != null && attempt == 1 ? last : store.head().orElse(null);
                long seq = head == null ? 1 : head.seq() + 1;
                String prev = head == null ? AuditChain.GENESIS : head.hash();
                // Millisecond precision: what every store keeps, so the hash recomputes from what was read.
                Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                AuditEntry unsigned = new AuditEntry(seq, at, actor.id(), actor.name(), action, entity, beforeJson, afterJson, prev, null);
                AuditEntry entry = new AuditEntry(seq, at, actor.id(), actor.name(), action, entity, beforeJson, afterJson, prev,
                        AuditChain.hash(unsigned));
                if (store.append(entry)) {
                    last = entry;
                    return entry;
                }
                // Another instance took this number: read the real head next time round.
                last = null;
                if (attempt > 3) {
                    sleepQuietly(ThreadLocalRandom.current().nextInt(1, 5 * attempt));
                }
            }
            throw new IllegalStateException("could not append to the audit log after " + MAX_ATTEMPTS + " attempts");
        } finally {
            lock.unlock();
        }
    }

    /** Entries about {@code entity}, newest first; {@code cursor} is the {@code nextCursor} of the previous page. */
    public Page<AuditEntry> list(String entity, String cursor, int limit) {
        long before = Long.MAX_VALUE;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new InvalidCursorException();
            }
            if (before < 1) {
                throw new InvalidCursorException();
            }
        }
        List<AuditEntry> items = store.byEntity(entity, before, limit + 1);
        if (items.size() > limit) {
            List<AuditEntry> page = items.subList(0, limit);
            return new Page<>(List.copyOf(page), Long.toString(page.get(page.size() - 1).seq()));
        }
        return new Page<>(items, null);
    }

    /**
     * Recomputes the whole chain from the first entry: every hash, every link to the previous entry,
     * and that no sequence number is missing. Reports the first entry where any of that fails.
     */
    public Verification verify() {
        long expected = 1;
        String prevHash = AuditChain.GENESIS;
        long checked = 0;
        while (true) {
            List<AuditEntry> batch = store.range(expected, VERIFY_BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEntry e : batch) {
                String broken = null;
                if (e.seq() != expected) {
                    broken = "entry " + expected + " is missing";
                } else if (!prevHash.equals(e.prevHash())) {
                    broken = "does not link to the entry before it (prevHash differs)";
                } else if (!AuditChain.hash(e).equals(e.hash())) {
                    broken = "its content does not match its hash";
                }
                if (broken != null) {
                    long at = e.seq() != expected ? expected : e.seq();
                    LOG.warn("audit chain broken at entry {}: {}", at, broken);
                    return new Verification(false, checked, e.seq(), e.hash(), at, broken);
                }
                prevHash = e.hash();
                expected++;
                checked++;
            }
        }
        // The head, logged: an anchor outside the store. Rewriting the whole chain from some entry on
        // would make it verify again, but not match the anchors already in the logs.
        LOG.info("audit chain verified: {} entries, head {} hash {}", checked, checked, prevHash);
        return new Verification(true, checked, checked, prevHash, null, null);
    }

    /** The latest entry about {@code entity}, if any. */
    public Optional<AuditEntry> latest(String entity) {
        return store.byEntity(entity, Long.MAX_VALUE, 1).stream().findFirst();
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit value is not serialisable: " + value.getClass().getSimpleName());
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
