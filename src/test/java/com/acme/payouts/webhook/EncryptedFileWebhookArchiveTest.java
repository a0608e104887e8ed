package com.acme.payouts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.payee.crypto.KeyEncryptionKeys;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileWebhookArchiveTest {

    private static final byte[] BODY = ("{\"UniqueReference\":\"payout-po_x\",\"AccountNumber\":\"98765432\","
            + "\"AccountName\":\"Cnry Kanari\",\"PayId\":\"kanari@example.com\"}").getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.parse("2026-11-25T03:04:05.678Z");

    @TempDir
    Path dir;

    private final Keks keys = new Keks();

    /** KEKs in memory, with a rotation. */
    private static final class Keks implements KeyEncryptionKeys {
        private final MaterialProviders mpl = MaterialProviders.builder()
                .MaterialProvidersConfig(MaterialProvidersConfig.builder().build())
                .build();
        private final Map<String, IKeyring> keyrings = new ConcurrentHashMap<>();
        private volatile String current;

        Keks() {
            rotate();
        }

        void rotate() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String id = "kek-" + keyrings.size();
            keyrings.put(id, mpl.CreateRawAesKeyring(CreateRawAesKeyringInput.builder()
                    .keyNamespace("test-kek")
                    .keyName(id)
                    .wrappingKey(ByteBuffer.wrap(key))
                    .wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16)
                    .build()));
            current = id;
        }

        @Override
        public String currentKeyId() {
            return current;
        }

        @Override
        public IKeyring keyring(String keyId) {
            return keyrings.get(keyId);
        }
    }

    @Test
    void a_webhook_is_kept_encrypted_and_read_back_exactly_as_signed() throws Exception {
        EncryptedFileWebhookArchive archive = new EncryptedFileWebhookArchive(dir, keys);

        String key = archive.store(new ArchivedWebhook("500123", "NppPaymentStatus", AT, "c2lnbmF0dXJl", BODY));

        assertThat(key).isEqualTo("2026/11/25/" + AT.toEpochMilli() + "-500123.wha");
        byte[] file = Files.readAllBytes(dir.resolve(key));
        String asText = new String(file, StandardCharsets.ISO_8859_1);
        assertThat(asText).startsWith(EncryptedFileWebhookArchive.MAGIC + " ")
                .doesNotContain("98765432", "Cnry", "Kanari", "kanari@example.com", "payout-po_x");
        assertThat(Files.getPosixFilePermissions(dir.resolve(key))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("2026/11/25"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        ArchivedWebhook read = archive.read(key).orElseThrow();
        assertThat(read.body()).isEqualTo(BODY);
        assertThat(read.signature()).isEqualTo("c2lnbmF0dXJl");
        assertThat(read.webhookId()).isEqualTo("500123");
        assertThat(read.eventName()).isEqualTo("NppPaymentStatus");
        assertThat(read.receivedAt()).isEqualTo(AT);
        assertThat(archive.keys(LocalDate.of(2026, 11, 25))).containsExactly(key);
    }

    @Test
    void every_receipt_is_kept_and_listed_in_arrival_order() {
        EncryptedFileWebhookArchive archive = new EncryptedFileWebhookArchive(dir, keys);
        String first = archive.store(new ArchivedWebhook("7", "NppReturn", AT, "s", BODY));
        String duplicate = archive.store(new ArchivedWebhook("7", "NppReturn", AT.plusMillis(5), "s", BODY));
        assertThat(archive.keys(LocalDate.of(2026, 11, 25))).containsExactly(first, duplicate);
        assertThat(archive.keys(LocalDate.of(2026, 11, 24))).isEmpty();
    }

    @Test
    void a_tampered_or_renamed_file_does_not_open() throws Exception {
        EncryptedFileWebhookArchive archive = new EncryptedFileWebhookArchive(dir, keys);
        String key = archive.store(new ArchivedWebhook("500124", "NppPaymentStatus", AT, "s", BODY));
        Path file = dir.resolve(key);

        Path renamed = file.resolveSibling(AT.toEpochMilli() + "-500999.wha");
        Files.copy(file, renamed);
        assertThatThrownBy(() -> archive.read(dir.relativize(renamed).toString())).isInstanceOf(RuntimeException.class);

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> archive.read(key)).isInstanceOf(RuntimeException.class);
        assertThat(archive.read("../../etc/passwd")).isEmpty();
    }

    @Test
    void archives_written_under_an_older_key_still_open_after_a_rotation() {
        EncryptedFileWebhookArchive archive = new EncryptedFileWebhookArchive(dir, keys);
        String key = archive.store(new ArchivedWebhook("500125", "NppPaymentStatus", AT, "s", BODY));
        keys.rotate();
        String newer = archive.store(new ArchivedWebhook("500126", "NppPaymentStatus", AT.plusSeconds(1), "s", BODY));
        assertThat(List.of(archive.read(key).orElseThrow().body(), archive.read(newer).orElseThrow().body()))
                .allSatisfy(b -> assertThat(b).isEqualTo(BODY));
    }
}
