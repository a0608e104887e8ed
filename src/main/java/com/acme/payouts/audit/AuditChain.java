package com.acme.payouts.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an audit entry's hash is computed: SHA-256 over its fields, each written as
 * {@code <length>:<value>;} (null as {@code -1:;}) so no two different entries share an encoding,
 * ending with the previous entry's hash. Changing any field of any entry changes its hash, which no
 * longer matches the {@code prevHash} the next entry carries.
 */
public final class AuditChain {

    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    public static String hash(AuditEntry e) {
        StringBuilder s = new StringBuilder(256);
        field(s, Long.toString(e.seq()));
        field(s, e.at().toString());
        field(s, e.actorId());
        field(s, e.actorName());
        field(s, e.action());
        field(s, e.entity());
        field(s, e.before());
        field(s, e.after());
        field(s, e.prevHash());
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e2) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e2);
        }
    }

    private static void field(StringBuilder s, String value) {
        if (value == null) {
            s.append("-1:;");
        } else {
            s.append(value.length()).append(':').append(value).append(';');
        }
    }
}
