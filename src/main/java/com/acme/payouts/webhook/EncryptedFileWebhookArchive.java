package com.acme.payouts.webhook;

import com.acme.payouts.payee.crypto.KeyEncryptionKeys;
import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.CryptoResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded default's webhook archive: one file per received webhook under
 * {@code <data-dir>/webhook-archive/yyyy/MM/dd/}, encrypted with the AWS Encryption SDK under the local
 * key-encryption key (the same KEK and settings as the payee vault, ADR 0004; KMS in AWS).
 *
 * <p>File format (docs/architecture.md, "Webhook archive"): one ASCII header line
 * {@code acme-webhook-archive/1 <kekId>\n}, then an ESDK message (key-committing AES-256-GCM, one
 * encrypted data key) whose encryption context is {@code {purpose: monoova-webhook-archive, webhookId}}
 * and whose plaintext is JSON {@code {"v":1,"webhookId","eventName","receivedAt","signature","body"}},
 * {@code body} being the base64 of the exact bytes Monoova signed. The ESDK makes a fresh data key per
 * message, so the files are envelope-encrypted; the header names the KEK so rotated keys keep opening.
 * Files and directories are owner-only.
 */
public final class EncryptedFileWebhookArchive implements WebhookArchive {

    static final String MAGIC = "acme-webhook-archive/1";
    static final String PURPOSE = "monoova-webhook-archive";
    private static final String SUFFIX = ".wha";

    private final Path root;
    private final KeyEncryptionKeys keys;
    private final ObjectMapper json = new ObjectMapper();
    private final AwsCrypto crypto = AwsCrypto.builder()
            .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
            .withEncryptionAlgorithm(CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY)
            .withMaxEncryptedDataKeys(1)
            .build();
    private final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    public EncryptedFileWebhookArchive(Path root, KeyEncryptionKeys keys) {
        this.root = root;
        this.keys = keys;
    }

    @Override
    public String store(ArchivedWebhook w) {
        String kekId = keys.currentKeyId();
        ObjectNode plain = json.createObjectNode()
                .put("v", 1)
                .put("webhookId", w.webhookId())
                .put("eventName", w.eventName())
                .put("receivedAt", w.receivedAt().toString())
                .put("signature", w.signature())
                .put("body", Base64.getEncoder().encodeToString(w.body()));
        byte[] plaintext = null;
        try {
            plaintext = json.writeValueAsBytes(plain);
            byte[] message = crypto.encryptData(keys.keyring(kekId), plaintext, context(w.webhookId())).getResult();
            LocalDate day = w.receivedAt().atZone(ZoneOffset.UTC).toLocalDate();
            String key = String.format("%04d/%02d/%02d/%d-%s%s", day.getYear(), day.getMonthValue(), day.getDayOfMonth(),
                    w.receivedAt().toEpochMilli(), safe(w.webhookId()), SUFFIX);
            Path file = root.resolve(key);
            directories(file.getParent());
            Path temp = file.resolveSibling("." + UUID.randomUUID() + ".tmp");
            byte[] header = (MAGIC + " " + kekId + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] content = new byte[header.length + message.length];
            System.arraycopy(header, 0, content, 0, header.length);
            System.arraycopy(message, 0, content, header.length, message.length);
            if (posix) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(temp, content);
            } else {
                Files.write(temp, content);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive webhook " + w.webhookId(), e);
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    @Override
    public Optional<ArchivedWebhook> read(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] content = Files.readAllBytes(file);
            int newline = indexOf(content, (byte) '\n');
            String[] header = new String(content, 0, Math.max(newline, 0), StandardCharsets.US_ASCII).split(" ");
            if (newline < 0 || header.length != 2 || !MAGIC.equals(header[0])) {
                throw new IllegalStateException("not a webhook archive file: " + key);
            }
            byte[] message = Arrays.copyOfRange(content, newline + 1, content.length);
            String webhookId = file.getFileName().toString().replaceFirst("^\\d+-", "").replace(SUFFIX, "");
            Map<String, String> expected = context(webhookId);
            CryptoResult<byte[], ?> result = crypto.decryptData(keys.keyring(header[1]), message, expected);
            if (!expected.equals(result.getEncryptionContext())) {
                throw new IllegalStateException("encryption context of " + key + " does not match");
            }
            JsonNode plain = json.readTree(result.getResult());
            Arrays.fill(result.getResult(), (byte) 0);
            return Optional.of(new ArchivedWebhook(
                    plain.path("webhookId").asText(),
                    plain.path("eventName").asText(),
                    Instant.parse(plain.path("receivedAt").asText()),
                    plain.path("signature").isNull() ? null : plain.path("signature").asText(),
                    Base64.getDecoder().decode(plain.path("body").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read webhook archive " + key, e);
        }
    }

    @Override
    public List<String> keys(LocalDate day) {
        Path dir = root.resolve(String.format("%04d/%02d/%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX))
                    .sorted((a, b) -> Long.compare(millis(a), millis(b)))
                    .map(n -> root.relativize(dir.resolve(n)).toString().replace('\\', '/'))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void directories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix) {
            // Created one level at a time so each new level is owner-only.
            Path parent = dir.getParent();
            if (parent != null) {
                directories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another thread made it
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    private static Map<String, String> context(String webhookId) {
        return Map.of("purpose", PURPOSE, "webhookId", safe(webhookId));
    }

    /** Webhook ids are integers (or our sha256-… stand-in); anything else cannot reach a file name. */
    private static String safe(String webhookId) {
        return webhookId.replaceAll("[^A-Za-z0-9-]", "_");
    }

    private static long millis(String name) {
        try {
            return Long.parseLong(name.substring(0, name.indexOf('-')));
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < Math.min(bytes.length, 256); i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
