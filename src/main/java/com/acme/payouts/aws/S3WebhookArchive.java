package com.acme.payouts.aws;

import com.acme.payouts.webhook.ArchivedWebhook;
import com.acme.payouts.webhook.WebhookArchive;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The webhook archive of the {@code aws} profile: one S3 object per verified webhook, encrypted at
 * rest with SSE-KMS under the stack's key (the bucket also refuses unencrypted and non-TLS writes).
 * Same content as the local archive's plaintext: the raw body (base64) and its signature, so a
 * webhook can be verified again and replayed. Keys sort by arrival within a UTC day.
 */
public class S3WebhookArchive implements WebhookArchive {

    private static final String PREFIX = "webhooks/";

    private final S3Client s3;
    private final String bucket;
    private final String kmsKeyId;
    private final ObjectMapper json = new ObjectMapper();

    public S3WebhookArchive(S3Client s3, String bucket, String kmsKeyId) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("PAYOUTS_ARCHIVE_BUCKET must be set in the aws profile");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.kmsKeyId = kmsKeyId;
    }

    @Override
    public String store(ArchivedWebhook w) {
        LocalDate day = w.receivedAt().atZone(ZoneOffset.UTC).toLocalDate();
        String key = String.format("%s%04d/%02d/%02d/%d-%s.json", PREFIX, day.getYear(), day.getMonthValue(),
                day.getDayOfMonth(), w.receivedAt().toEpochMilli(), w.webhookId().replaceAll("[^A-Za-z0-9-]", "_"));
        byte[] content;
        try {
            content = json.writeValueAsBytes(json.createObjectNode()
                    .put("v", 1)
                    .put("webhookId", w.webhookId())
                    .put("eventName", w.eventName())
                    .put("receivedAt", w.receivedAt().toString())
                    .put("signature", w.signature())
                    .put("body", Base64.getEncoder().encodeToString(w.body())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.putObject(b -> {
                    b.bucket(bucket).key(key).contentType("application/json").serverSideEncryption(ServerSideEncryption.AWS_KMS);
                    if (kmsKeyId != null && !kmsKeyId.isBlank()) {
                        b.ssekmsKeyId(kmsKeyId);
                    }
                },
                RequestBody.fromBytes(content));
        return key.substring(PREFIX.length());
    }

    @Override
    public Optional<ArchivedWebhook> read(String key) {
        try {
            byte[] content = s3.getObjectAsBytes(b -> b.bucket(bucket).key(PREFIX + key)).asByteArray();
            JsonNode plain = json.readTree(content);
            return Optional.of(new ArchivedWebhook(
                    plain.path("webhookId").asText(),
                    plain.path("eventName").asText(),
                    Instant.parse(plain.path("receivedAt").asText()),
                    plain.path("signature").isNull() ? null : plain.path("signature").asText(),
                    Base64.getDecoder().decode(plain.path("body").asText())));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read webhook archive " + key, e);
        }
    }

    @Override
    public List<String> keys(LocalDate day) {
        String prefix = String.format("%s%04d/%02d/%02d/", PREFIX, day.getYear(), day.getMonthValue(), day.getDayOfMonth());
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                .contents()
                .forEach(o -> keys.add(o.key().substring(PREFIX.length())));
        keys.sort(Comparator.comparingLong(S3WebhookArchive::millis));
        return keys;
    }

    private static long millis(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dash = name.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? name : name.substring(0, dash));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
