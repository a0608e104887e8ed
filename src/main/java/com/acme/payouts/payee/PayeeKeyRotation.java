package com.acme.payouts.payee;

import com.acme.payouts.payee.crypto.KeyEncryptionKeys;
import com.acme.payouts.payee.crypto.PayeeCipher;
import com.acme.payouts.payee.crypto.PayeeCryptoException;
import com.acme.payouts.payee.crypto.SealedPayee;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.PayeeStore.SealedVersion;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-wraps every payee data key under a new key-encryption key, online (runbook: "Rotating the payee
 * key-encryption key"). Only the small wrapped keys change, never a ciphertext; each record is replaced with a
 * compare-and-set, so readers open either the old or the new wrapping (both keys stay available) and a record
 * shredded or re-wrapped meanwhile is never resurrected. New payees are wrapped under the new key from the moment
 * the job starts.
 *
 * <p>Jobs run one at a time on this instance; their progress is kept in memory. The remaining count is read from the
 * store, so it is the truth for every instance.
 */
public class PayeeKeyRotation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PayeeKeyRotation.class);
    private static final int BATCH = 100;

    public enum State {
        RUNNING,
        COMPLETED,
        COMPLETED_WITH_FAILURES,
        FAILED
    }

    /**
     * Progress of one rotation job.
     *
     * @param total versions with a data key when the job started
     * @param rewrapped re-wrapped by this job
     * @param failed versions whose data key could not be unwrapped (left as they were; see the log)
     * @param remaining versions not yet under the target key, as the store says now
     */
    public record Status(
            String id,
            State state,
            String targetKeyId,
            long total,
            long rewrapped,
            long failed,
            long remaining,
            Instant startedAt,
            Instant finishedAt) {}

    private final PayeeStore store;
    private final PayeeCipher cipher;
    private final KeyEncryptionKeys keys;
    private final Executor executor;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private Job running;

    public PayeeKeyRotation(PayeeStore store, PayeeCipher cipher, KeyEncryptionKeys keys, Executor executor, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.keys = keys;
        this.executor = executor;
        this.clock = clock;
    }

    private final class Job {
        final String id;
        final String target;
        final Instant startedAt;
        final long total;
        final AtomicLong rewrapped = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile State state = State.RUNNING;
        volatile Instant finishedAt;

        Job(String id, String target, Instant startedAt, long total) {
            this.id = id;
            this.target = target;
            this.startedAt = startedAt;
            this.total = total;
        }

        Status status() {
            long[] counts = store.countWrapped(target);
            long remaining = Math.max(0, counts[0] - counts[1]);
            return new Status(id, state, target, total, rewrapped.get(), failed.get(), remaining, startedAt, finishedAt);
        }
    }

    /**
     * Starts a rotation: a new key-encryption key becomes current (local keys; with KMS the configured key is the
     * target) and every data key not yet under it is re-wrapped in the background. While a job runs, starting
     * another returns the running one.
     */
    public synchronized Status start() {
        if (running != null && running.state == State.RUNNING) {
            return running.status();
        }
        String target = keys.rotateToNewKey();
        Job job = new Job("rot_" + HexFormat.of().formatHex(randomBytes()), target, clock.instant(),
                store.countWrapped(target)[0]);
        jobs.put(job.id, job);
        running = job;
        LOG.info("payee key rotation {} started: re-wrapping {} data keys under {}", job.id, job.total, target);
        executor.execute(() -> run(job));
        return job.status();
    }

    /** Stops a running job at shutdown; a later start picks up whatever is not yet under the current key. */
    @Override
    public void close() {
        if (executor instanceof java.util.concurrent.ExecutorService service) {
            service.shutdownNow();
        }
    }

    public Optional<Status> status(String id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::status);
    }

    /** Runs a job to the end on the calling thread (the executor's). */
    void run(Job job) {
        Set<String> failedKeys = new HashSet<>();
        try {
            while (true) {
                List<SealedVersion> batch = store.wrappedNotUnder(job.target, BATCH + failedKeys.size());
                List<SealedVersion> todo = batch.stream()
                        .filter(v -> !failedKeys.contains(key(v)))
                        .toList();
                if (todo.isEmpty()) {
                    break;
                }
                for (SealedVersion version : todo) {
                    try {
                        SealedPayee rewrapped = cipher.rewrap(version.payeeId(), version.sealed(), job.target);
                        if (store.rewrap(version, rewrapped)) {
                            job.rewrapped.incrementAndGet();
                        }
                        // Otherwise it changed meanwhile (shredded, or re-wrapped elsewhere): the next query tells.
                    } catch (PayeeCryptoException e) {
                        failedKeys.add(key(version));
                        job.failed.incrementAndGet();
                        LOG.error("payee key rotation {}: could not re-wrap payee {} version {} ({})",
                                job.id, version.payeeId(), version.version(), e.getMessage());
                    }
                }
            }
            job.state = failedKeys.isEmpty() ? State.COMPLETED : State.COMPLETED_WITH_FAILURES;
        } catch (RuntimeException e) {
            job.state = State.FAILED;
            LOG.error("payee key rotation {} stopped", job.id, e);
        } finally {
            job.finishedAt = clock.instant();
            LOG.info("payee key rotation {} {}: {} re-wrapped, {} failed", job.id, job.state, job.rewrapped.get(),
                    job.failed.get());
        }
    }

    private static String key(SealedVersion v) {
        return v.payeeId() + "#" + v.version();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return bytes;
    }
}
