package com.acme.payouts.payee.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.cryptography.materialproviders.IKeyring;

class LocalKeyEncryptionKeysTest {

    private static final Map<String, String> CONTEXT = Map.of("purpose", "test");

    @TempDir
    Path base;

    private final AwsCrypto crypto = AwsCrypto.builder()
            .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
            .build();

    @Test
    void createsAnOwnerOnlyDirectoryAndKeyOnFirstUse() throws IOException {
        Path directory = base.resolve("secrets/kek");

        LocalKeyEncryptionKeys keys = new LocalKeyEncryptionKeys(directory);

        Path keyFile = directory.resolve("kek-" + keys.currentKeyId() + ".key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve("secrets"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("current-kek"))))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip()))
                .hasSize(32);
        assertThat(keys.currentKeyId()).matches("[0-9]{8}-[0-9a-f]{12}");
        assertThat(fileNames(directory))
                .containsExactlyInAnyOrder("current-kek", keyFile.getFileName().toString());
    }

    @Test
    void aSecondInstanceReadsTheSameKey() {
        Path directory = base.resolve("kek");
        LocalKeyEncryptionKeys first = new LocalKeyEncryptionKeys(directory);
        LocalKeyEncryptionKeys second = new LocalKeyEncryptionKeys(directory);

        assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
        assertSameKey(first.keyring(first.currentKeyId()), second.keyring(second.currentKeyId()));
    }

    @Test
    void refusesAKeyFileReadableByOthers() throws IOException {
        Path directory = base.resolve("kek");
        String keyId = new LocalKeyEncryptionKeys(directory).currentKeyId();
        Path keyFile = directory.resolve("kek-" + keyId + ".key");

        for (String exposed : List.of("rw-r--r--", "rw-r-----", "rw----r--", "rw--w----")) {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString(exposed));
            assertThatThrownBy(() -> new LocalKeyEncryptionKeys(directory))
                    .as(exposed)
                    .isInstanceOf(PayeeCryptoException.class)
                    .hasMessageContaining("accessible by group or others")
                    .hasMessageContaining(exposed);
        }
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));
        assertThat(new LocalKeyEncryptionKeys(directory).currentKeyId()).isEqualTo(keyId);
    }

    @Test
    void refusesADirectoryWritableByOthers() throws IOException {
        Path directory = base.resolve("kek");
        new LocalKeyEncryptionKeys(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwx---"));

        assertThatThrownBy(() -> new LocalKeyEncryptionKeys(directory))
                .isInstanceOf(PayeeCryptoException.class)
                .hasMessageContaining("writable by group or others");
    }

    @Test
    void toleratesAListableDirectoryButNotAnExposedKey() throws IOException {
        Path directory = base.resolve("kek");
        String keyId = new LocalKeyEncryptionKeys(directory).currentKeyId();
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-x---"));

        assertThat(new LocalKeyEncryptionKeys(directory).currentKeyId()).isEqualTo(keyId);
    }

    @Test
    void readsARawThirtyTwoByteKeyFile() throws IOException {
        Path directory = Files.createDirectory(
                base.resolve("kek"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        writeOwnerOnly(directory.resolve("kek-raw1.key"), raw);
        writeOwnerOnly(directory.resolve("current-kek"), "raw1\n".getBytes(StandardCharsets.US_ASCII));

        LocalKeyEncryptionKeys keys = new LocalKeyEncryptionKeys(directory);

        assertThat(keys.currentKeyId()).isEqualTo("raw1");
        IKeyring direct = Keyrings.rawAes(
                Keyrings.newMaterialProviders(), LocalKeyEncryptionKeys.KEY_NAMESPACE, "raw1", raw.clone());
        assertSameKey(keys.keyring("raw1"), direct);
    }

    @Test
    void refusesAKeyFileOfTheWrongSizeWithoutQuotingIt() throws IOException {
        Path directory = base.resolve("kek");
        String keyId = new LocalKeyEncryptionKeys(directory).currentKeyId();
        Path keyFile = directory.resolve("kek-" + keyId + ".key");
        Files.writeString(keyFile, "c2VjcmV0LWJ1dC1zaG9ydA==\n", StandardOpenOption.TRUNCATE_EXISTING);

        assertThatThrownBy(() -> new LocalKeyEncryptionKeys(directory))
                .isInstanceOf(PayeeCryptoException.class)
                .hasMessageContaining("must be 32 bytes")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void refusesASymlinkedKeyFile() throws IOException {
        Path directory = base.resolve("kek");
        String keyId = new LocalKeyEncryptionKeys(directory).currentKeyId();
        Path keyFile = directory.resolve("kek-" + keyId + ".key");
        Path elsewhere = Files.move(keyFile, base.resolve("moved.key"));
        Files.createSymbolicLink(keyFile, elsewhere);

        assertThatThrownBy(() -> new LocalKeyEncryptionKeys(directory))
                .isInstanceOf(PayeeCryptoException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void acceptsASymlinkedDirectory() throws IOException {
        Path real = base.resolve("mounted-secrets");
        String keyId = new LocalKeyEncryptionKeys(real).currentKeyId();
        Path link = Files.createSymbolicLink(base.resolve("kek-link"), real);

        assertThat(new LocalKeyEncryptionKeys(link).currentKeyId()).isEqualTo(keyId);
    }

    @Test
    void refusesUnknownAndMalformedKeyIds() {
        LocalKeyEncryptionKeys keys = new LocalKeyEncryptionKeys(base.resolve("kek"));

        assertThatThrownBy(() -> keys.keyring("20990101-000000000000"))
                .isInstanceOf(PayeeCryptoException.class)
                .hasMessageContaining("20990101-000000000000");
        for (String malformed : new String[] {"../kek", "a/b", "", "-x", "x".repeat(65), null}) {
            assertThatThrownBy(() -> keys.keyring(malformed))
                    .isInstanceOf(PayeeCryptoException.class)
                    .hasMessageContaining("malformed");
        }
    }

    @Test
    void aNewCurrentKeyLeavesOlderKeysReadable() throws IOException {
        Path directory = base.resolve("kek");
        LocalKeyEncryptionKeys before = new LocalKeyEncryptionKeys(directory);
        EnvelopePayeeCipher oldCipher = new EnvelopePayeeCipher(before);
        SealedPayee sealed = oldCipher.seal("payee-1", "destination".getBytes(StandardCharsets.UTF_8));

        // What a rotation will do: add a key file, then repoint.
        byte[] newKey = new byte[32];
        new SecureRandom().nextBytes(newKey);
        writeOwnerOnly(
                directory.resolve("kek-rotated1.key"), Base64.getEncoder().encode(newKey));
        Files.writeString(directory.resolve("current-kek"), "rotated1\n", StandardOpenOption.TRUNCATE_EXISTING);

        LocalKeyEncryptionKeys after = new LocalKeyEncryptionKeys(directory);
        EnvelopePayeeCipher newCipher = new EnvelopePayeeCipher(after);
        assertThat(after.currentKeyId()).isEqualTo("rotated1");
        assertThat(newCipher.seal("payee-2", new byte[1]).kekId()).isEqualTo("rotated1");
        assertThat(new String(newCipher.open("payee-1", sealed), StandardCharsets.UTF_8))
                .isEqualTo("destination");
    }

    @Test
    void concurrentStartsOnAnEmptyDirectoryAgreeOnOneKey() throws Exception {
        int starters = 12;
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        try {
            for (int round = 0; round < 5; round++) {
                Path directory = base.resolve("race-" + round);
                CyclicBarrier barrier = new CyclicBarrier(starters);
                List<Future<String>> ids = new ArrayList<>();
                for (int i = 0; i < starters; i++) {
                    Callable<String> start = () -> {
                        barrier.await();
                        return new LocalKeyEncryptionKeys(directory).currentKeyId();
                    };
                    ids.add(pool.submit(start));
                }
                Set<String> distinct = new java.util.HashSet<>();
                for (Future<String> id : ids) {
                    distinct.add(id.get(60, TimeUnit.SECONDS));
                }
                assertThat(distinct).hasSize(1);
                assertThat(fileNames(directory))
                        .containsExactlyInAnyOrder(
                                "current-kek", "kek-" + distinct.iterator().next() + ".key");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void separateProcessesStartingTogetherAgreeOnOneKey() throws Exception {
        Path directory = base.resolve("shared-kek");
        Path go = base.resolve("go");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            KekStarter.class.getName(),
                            directory.toString(),
                            go.toString(),
                            base.resolve("warm-up-" + i).toString())
                    .redirectErrorStream(true)
                    .start());
        }
        Thread.sleep(3000);
        Files.createFile(go);

        Set<String> ids = new java.util.HashSet<>();
        for (Process process : processes) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            ids.add(output.lines()
                    .filter(line -> line.startsWith("KEY_ID="))
                    .findFirst()
                    .orElseThrow()
                    .substring("KEY_ID=".length()));
        }
        assertThat(ids).hasSize(1);
        assertThat(fileNames(directory))
                .containsExactlyInAnyOrder(
                        "current-kek", "kek-" + ids.iterator().next() + ".key");
    }

    @Test
    void fallsBackOnAFileSystemWithoutPosixPermissions() throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(base.resolve("keys.zip"), Map.of("create", "true"))) {
            assertThat(zip.supportedFileAttributeViews()).doesNotContain("posix");
            Path directory = zip.getPath("/kek");

            LocalKeyEncryptionKeys first = new LocalKeyEncryptionKeys(directory);
            LocalKeyEncryptionKeys second = new LocalKeyEncryptionKeys(directory);

            assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
            assertSameKey(first.keyring(first.currentKeyId()), second.keyring(second.currentKeyId()));
        }
    }

    private void assertSameKey(IKeyring encryptWith, IKeyring decryptWith) {
        byte[] message = crypto.encryptData(encryptWith, "same key".getBytes(StandardCharsets.UTF_8), CONTEXT)
                .getResult();
        assertThat(new String(crypto.decryptData(decryptWith, message, CONTEXT).getResult(), StandardCharsets.UTF_8))
                .isEqualTo("same key");
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
    }

    private static Set<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
