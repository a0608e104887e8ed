package com.acme.payouts.aws;

import com.acme.payouts.reconciliation.ReconciliationReports;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Reconciliation reports of the {@code aws} profile: JSON and CSV objects in the archive bucket, SSE-KMS. */
public class S3ReconciliationReports implements ReconciliationReports {

    private static final String PREFIX = "reconciliation/";

    private final S3Client s3;
    private final String bucket;
    private final String kmsKeyId;

    public S3ReconciliationReports(S3Client s3, String bucket, String kmsKeyId) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("PAYOUTS_ARCHIVE_BUCKET must be set in the aws profile");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.kmsKeyId = kmsKeyId;
    }

    @Override
    public String write(String runId, byte[] json, byte[] csv) {
        put(runId + ".json", "application/json", json);
        put(runId + ".csv", "text/csv", csv);
        return "s3://" + bucket + "/" + PREFIX + runId + ".{json,csv}";
    }

    @Override
    public Optional<byte[]> json(String runId) {
        return get(runId + ".json");
    }

    @Override
    public Optional<byte[]> csv(String runId) {
        return get(runId + ".csv");
    }

    private void put(String name, String contentType, byte[] content) {
        s3.putObject(b -> {
                    b.bucket(bucket).key(PREFIX + name).contentType(contentType).serverSideEncryption(ServerSideEncryption.AWS_KMS);
                    if (kmsKeyId != null && !kmsKeyId.isBlank()) {
                        b.ssekmsKeyId(kmsKeyId);
                    }
                },
                RequestBody.fromBytes(content));
    }

    private Optional<byte[]> get(String name) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(PREFIX + name)).asByteArray());
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }
}
