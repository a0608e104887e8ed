package com.acme.payouts.payee;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payee.crypto.EnvelopePayeeCipher;
import com.acme.payouts.payee.crypto.LocalKeyEncryptionKeys;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.embedded.EmbeddedPayeeStore;
import com.acme.payouts.support.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation on the embedded store with the local key-encryption keys, as the embedded default runs it: every data
 * key ends under the new key, while readers opening payees all along never fail.
 */
class PayeeKeyRotationTest {

    @TempDir
    Path keyDirectory;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void every_data_key_is_rewrapped_under_a_new_key_while_concurrent_readers_keep_opening_every_payee()
            throws Exception {
        LocalKeyEncryptionKeys keys = new LocalKeyEncryptionKeys(keyDirectory.resolve("kek"));
        String oldKey = keys.currentKeyId();
        EnvelopePayeeCipher cipher = new EnvelopePayeeCipher(keys);
        PayeeStore store = new EmbeddedPayeeStore(TestDatabase.fresh());
        PayeeVault vault = new PayeeVault(store, cipher, new PayeeValidator(), new PayeeCodec(), bsb -> BsbCheck.open(),
                new PayeeBlindIndex(new byte[32]), Clock.systemUTC());
        Map<String, PayeeDestination> expected = new ConcurrentHashMap<>();
        for (int i = 0; i < 150; i++) {
            Payee p = vault.register("c-rot", PayeeInput.forBankAccount("062-000", String.valueOf(10_000_000 + i), "Jane Citizen"))
                    .payee();
            expected.put(p.id(), vault.open(p.id()).orElseThrow());
        }
        // a payee with two versions and a deleted one: both versions move, the shredded key stays gone
        String twoVersions = expected.keySet().iterator().next();
        vault.update(twoVersions, PayeeInput.forBankAccount("062-000", "99999999", "Jane Citizen"));
        expected.put(twoVersions, vault.open(twoVersions).orElseThrow());
        String deleted = vault.register("c-rot", PayeeInput.forBankAccount("062-000", "55555555", "Gone Person")).payee().id();
        vault.delete(deleted);

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(3);
        for (int r = 0; r < 3; r++) {
            Thread reader = new Thread(() -> {
                started.countDown();
                List<String> ids = new ArrayList<>(expected.keySet());
                int i = 0;
                while (reading.get()) {
                    String id = ids.get(i++ % ids.size());
                    try {
                        assertThat(vault.open(id).orElseThrow()).isEqualTo(expected.get(id));
                        reads.incrementAndGet();
                    } catch (Throwable t) {
                        synchronized (failures) {
                            failures.add(t);
                        }
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        started.await();

        PayeeKeyRotation rotation = new PayeeKeyRotation(store, cipher, keys, executor, Clock.systemUTC());
        PayeeKeyRotation.Status startedStatus = rotation.start();
        assertThat(startedStatus.targetKeyId()).isNotEqualTo(oldKey).isEqualTo(keys.currentKeyId());
        assertThat(startedStatus.total()).as("150 payees, one with a second version, the deleted one has no key").isEqualTo(151);
        assertThat(rotation.start().id()).as("one rotation at a time").isEqualTo(startedStatus.id());

        PayeeKeyRotation.Status status = startedStatus;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (status.state() == PayeeKeyRotation.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = rotation.status(startedStatus.id()).orElseThrow();
        }
        reading.set(false);
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(failures).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(status.state()).isEqualTo(PayeeKeyRotation.State.COMPLETED);
        assertThat(status.rewrapped()).isEqualTo(151);
        assertThat(status.failed()).isZero();
        assertThat(status.remaining()).isZero();
        assertThat(status.finishedAt()).isNotNull();
        assertThat(store.wrappedNotUnder(status.targetKeyId(), 1000)).isEmpty();
        // after: everything opens under the new key, both versions of the changed payee too
        for (Map.Entry<String, PayeeDestination> e : expected.entrySet()) {
            assertThat(vault.open(e.getKey())).contains(e.getValue());
            assertThat(store.find(e.getKey()).orElseThrow().sealed().kekId()).isEqualTo(status.targetKeyId());
        }
        assertThat(store.findVersion(twoVersions, 1).orElseThrow().sealed().kekId()).isEqualTo(status.targetKeyId());
        assertThat(vault.open(deleted)).isEmpty();
        // new payees are wrapped under the new key, and a restart finds it current
        Payee fresh = vault.register("c-rot", PayeeInput.forBankAccount("062-000", "77777777", "New Person")).payee();
        assertThat(store.find(fresh.id()).orElseThrow().sealed().kekId()).isEqualTo(status.targetKeyId());
        assertThat(new LocalKeyEncryptionKeys(keyDirectory.resolve("kek")).currentKeyId()).isEqualTo(status.targetKeyId());
    }
}
