package com.acme.payouts.payee.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.payee.BankAccountDestination;
import com.acme.payouts.payee.PayeeCodec;
import com.acme.payouts.payee.PayeeDestination;
import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopePayeeCipherTest {

    private static final String PAYEE = "payee-0001";
    private static final PayeeDestination CANARY = new BankAccountDestination("062-000", "98765432", "Canary Person");

    @TempDir
    Path keyDirectory;

    private final PayeeCodec codec = new PayeeCodec();
    private final RecordingRandom random = new RecordingRandom();
    private LocalKeyEncryptionKeys keys;
    private EnvelopePayeeCipher cipher;

    @BeforeEach
    void setUp() {
        keys = new LocalKeyEncryptionKeys(keyDirectory.resolve("kek"));
        cipher = new EnvelopePayeeCipher(keys, Keyrings.newMaterialProviders(), random);
    }

    @Test
    void roundTripsAPayeeDestination() {
        SealedPayee sealed = cipher.seal(PAYEE, codec.encode(CANARY));

        assertThat(sealed.kekId()).isEqualTo(keys.currentKeyId());
        assertThat(codec.decode(cipher.open(PAYEE, sealed))).isEqualTo(CANARY);
    }

    @Test
    void roundTripsEmptyAndLargePlaintexts() {
        byte[] large = new byte[100_000];
        new SecureRandom().nextBytes(large);
        assertThat(cipher.open(PAYEE, cipher.seal(PAYEE, new byte[0]))).isEmpty();
        assertThat(cipher.open(PAYEE, cipher.seal(PAYEE, large))).isEqualTo(large);
    }

    @Test
    void everySealUsesItsOwnDataKey() {
        SealedPayee first = cipher.seal("payee-a", codec.encode(CANARY));
        SealedPayee second = cipher.seal("payee-b", codec.encode(CANARY));
        SealedPayee again = cipher.seal("payee-a", codec.encode(CANARY));

        byte[] firstKey = unwrapDataKey("payee-a", first);
        byte[] secondKey = unwrapDataKey("payee-b", second);
        byte[] againKey = unwrapDataKey("payee-a", again);
        assertThat(firstKey).hasSize(32).isNotEqualTo(secondKey).isNotEqualTo(againKey);
        assertThat(first.ciphertext()).isNotEqualTo(again.ciphertext());
    }

    @Test
    void plaintextAndDataKeyNeverAppearInTheSealedRecord() {
        SealedPayee sealed = cipher.seal(PAYEE, codec.encode(CANARY));

        for (byte[] stored : List.of(sealed.wrappedDataKey(), sealed.ciphertext())) {
            for (Charset charset :
                    List.of(StandardCharsets.US_ASCII, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                for (String canary : List.of("98765432", "Canary Person", "Canary", "062-000")) {
                    assertThat(indexOf(stored, canary.getBytes(charset)))
                            .as("%s in %s", canary, charset)
                            .isEqualTo(-1);
                }
            }
            assertThat(indexOf(stored, random.dataKeys().get(0)))
                    .as("raw data key")
                    .isEqualTo(-1);
        }
    }

    @Test
    void aTamperedCiphertextNeverOpensToOtherData() {
        byte[] plaintext = codec.encode(CANARY);
        SealedPayee sealed = cipher.seal(PAYEE, plaintext);
        assertEveryBitFlipFailsOrYields(
                plaintext,
                sealed.ciphertext(),
                tampered -> new SealedPayee(sealed.kekId(), sealed.wrappedDataKey(), tampered));
    }

    @Test
    void aTamperedWrappedDataKeyNeverOpensToOtherData() {
        byte[] plaintext = codec.encode(CANARY);
        SealedPayee sealed = cipher.seal(PAYEE, plaintext);
        assertEveryBitFlipFailsOrYields(
                plaintext,
                sealed.wrappedDataKey(),
                tampered -> new SealedPayee(sealed.kekId(), tampered, sealed.ciphertext()));
    }

    /**
     * Flips one bit at every position of {@code message}. Each flip must make {@code open} fail, with one documented
     * exception: the Java ESDK authenticates frames by its own frame counter and never reads the final frame's stored
     * sequence number, so those 4 bytes (right after the {@code FFFFFFFF} final-frame marker) can change and the
     * message still opens, to exactly the original plaintext. Anything else opening, or anything opening to different
     * bytes, fails the test.
     */
    private void assertEveryBitFlipFailsOrYields(
            byte[] plaintext, byte[] message, java.util.function.Function<byte[], SealedPayee> rebuild) {
        List<Integer> opened = new ArrayList<>();
        for (int i = 0; i < message.length; i++) {
            byte[] tampered = message.clone();
            tampered[i] ^= 0x01;
            try {
                byte[] result = cipher.open(PAYEE, rebuild.apply(tampered));
                assertThat(result).as("flip at %d opened to different bytes", i).isEqualTo(plaintext);
                opened.add(i);
            } catch (PayeeCryptoException expected) {
                // The normal outcome.
            }
        }
        if (!opened.isEmpty()) {
            int first = opened.get(0);
            assertThat(opened)
                    .as("positions that still opened")
                    .hasSizeLessThanOrEqualTo(4)
                    .allMatch(i -> i < first + 4);
            assertThat(java.util.Arrays.copyOfRange(message, first - 4, first))
                    .as("the final-frame marker precedes them")
                    .containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
        }
    }

    @Test
    void truncatedOrEmptyPartsFail() {
        SealedPayee sealed = cipher.seal(PAYEE, codec.encode(CANARY));
        byte[] ciphertext = sealed.ciphertext();
        byte[] truncated = java.util.Arrays.copyOf(ciphertext, ciphertext.length - 1);
        assertThatThrownBy(
                        () -> cipher.open(PAYEE, new SealedPayee(sealed.kekId(), sealed.wrappedDataKey(), truncated)))
                .isInstanceOf(PayeeCryptoException.class);
        assertThatThrownBy(() -> cipher.open(PAYEE, new SealedPayee(sealed.kekId(), new byte[0], ciphertext)))
                .isInstanceOf(PayeeCryptoException.class);
    }

    @Test
    void aRecordMovedToAnotherPayeeDoesNotOpen() {
        SealedPayee sealed = cipher.seal(PAYEE, codec.encode(CANARY));

        assertThatThrownBy(() -> cipher.open("payee-0002", sealed))
                .isInstanceOf(PayeeCryptoException.class)
                .hasMessageContaining("payee-0002");
    }

    @Test
    void swappingWrappedKeysBetweenPayeesFails() {
        SealedPayee mine = cipher.seal("payee-a", codec.encode(CANARY));
        SealedPayee theirs = cipher.seal("payee-b", codec.encode(CANARY));

        SealedPayee spliced = new SealedPayee(mine.kekId(), theirs.wrappedDataKey(), mine.ciphertext());
        assertThatThrownBy(() -> cipher.open("payee-a", spliced)).isInstanceOf(PayeeCryptoException.class);
        assertThatThrownBy(() -> cipher.open("payee-b", spliced)).isInstanceOf(PayeeCryptoException.class);
    }

    @Test
    void aWrongOrUnknownKeyEncryptionKeyFails() {
        InMemoryKeyEncryptionKeys inMemory = new InMemoryKeyEncryptionKeys("k1");
        inMemory.addKey("k2");
        EnvelopePayeeCipher rotating = new EnvelopePayeeCipher(inMemory);
        SealedPayee sealed = rotating.seal(PAYEE, codec.encode(CANARY));

        SealedPayee relabelled = new SealedPayee("k2", sealed.wrappedDataKey(), sealed.ciphertext());
        assertThatThrownBy(() -> rotating.open(PAYEE, relabelled)).isInstanceOf(PayeeCryptoException.class);
        SealedPayee unknown = new SealedPayee("k9", sealed.wrappedDataKey(), sealed.ciphertext());
        assertThatThrownBy(() -> rotating.open(PAYEE, unknown)).isInstanceOf(PayeeCryptoException.class);
    }

    @Test
    void opensUnderTheKeyTheRecordNamesNotTheCurrentOne() {
        InMemoryKeyEncryptionKeys inMemory = new InMemoryKeyEncryptionKeys("k1");
        EnvelopePayeeCipher rotating = new EnvelopePayeeCipher(inMemory);
        SealedPayee old = rotating.seal(PAYEE, codec.encode(CANARY));

        inMemory.addKey("k2");
        inMemory.makeCurrent("k2");
        SealedPayee fresh = rotating.seal(PAYEE, codec.encode(CANARY));

        assertThat(fresh.kekId()).isEqualTo("k2");
        assertThat(codec.decode(rotating.open(PAYEE, old))).isEqualTo(CANARY);
        assertThat(codec.decode(rotating.open(PAYEE, fresh))).isEqualTo(CANARY);
    }

    @Test
    void failuresNameThePayeeButNeverItsData() {
        SealedPayee sealed = cipher.seal(PAYEE, codec.encode(CANARY));
        assertThatThrownBy(() -> cipher.open("payee-x", sealed))
                .isInstanceOf(PayeeCryptoException.class)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("98765432", "Canary");
                    }
                });
    }

    @Test
    void refusesAMissingPayeeId() {
        assertThatThrownBy(() -> cipher.seal(" ", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        SealedPayee sealed = cipher.seal(PAYEE, new byte[1]);
        assertThatThrownBy(() -> cipher.open(null, sealed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealsAndOpensFromEightThreadsAtOnce() throws Exception {
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    start.await();
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        String payeeId = "payee-" + thread + "-" + i;
                        PayeeDestination destination =
                                new BankAccountDestination("062-000", "1000" + thread + i, "Thread " + thread);
                        SealedPayee sealed = cipher.seal(payeeId, codec.encode(destination));
                        if (codec.decode(cipher.open(payeeId, sealed)).equals(destination)) {
                            ok++;
                        }
                    }
                    return ok;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sealAndOpenTakeAFewMillisecondsAtMost() {
        byte[] plaintext = codec.encode(CANARY);
        for (int i = 0; i < 300; i++) {
            cipher.open(PAYEE, cipher.seal(PAYEE, plaintext));
        }
        int rounds = 500;
        List<SealedPayee> sealed = new ArrayList<>(rounds);
        long sealStart = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sealed.add(cipher.seal(PAYEE, plaintext));
        }
        long sealNanos = System.nanoTime() - sealStart;
        long openStart = System.nanoTime();
        for (SealedPayee each : sealed) {
            cipher.open(PAYEE, each);
        }
        long openNanos = System.nanoTime() - openStart;

        double sealMillis = sealNanos / 1e6 / rounds;
        double openMillis = openNanos / 1e6 / rounds;
        System.out.printf(
                "EnvelopePayeeCipher: seal %.3f ms, open %.3f ms (mean of %d, %d-byte plaintext, wrapped key %d B,"
                        + " ciphertext %d B)%n",
                sealMillis,
                openMillis,
                rounds,
                plaintext.length,
                sealed.get(0).wrappedDataKey().length,
                sealed.get(0).ciphertext().length);
        // A loose ceiling that only catches a pathological regression (e.g. a signing suite or per-call setup).
        assertThat(sealMillis).isLessThan(50);
        assertThat(openMillis).isLessThan(50);
    }

    private byte[] unwrapDataKey(String payeeId, SealedPayee sealed) {
        AwsCrypto crypto = AwsCrypto.builder()
                .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
                .build();
        return crypto.decryptData(
                        keys.keyring(sealed.kekId()),
                        sealed.wrappedDataKey(),
                        Map.of("purpose", "payee-data-key", "payeeId", payeeId))
                .getResult();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Remembers every 32-byte draw, i.e. every data key, so a test can look for it in the output. */
    private static final class RecordingRandom extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private final List<byte[]> dataKeys = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void nextBytes(byte[] bytes) {
            super.nextBytes(bytes);
            if (bytes.length == 32) {
                // A copy: the cipher wipes its array after use.
                dataKeys.add(bytes.clone());
            }
        }

        List<byte[]> dataKeys() {
            return dataKeys;
        }
    }
}
