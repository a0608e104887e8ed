package com.acme.payouts.audit;

import java.time.Instant;

/**
 * One link of the audit chain: who did what to which entity, when, the entity before and after
 * (masked JSON), and the hashes that chain it to the entry before.
 *
 * @param seq position in the chain, from 1, without gaps
 * @param entity what it concerns, as {@code <type>:<id>}, e.g. {@code payout:po_...}, {@code api-key:...}
 * @param before masked JSON of the entity before the change, or null
 * @param after masked JSON of the entity after the change, or null
 * @param prevHash {@link #hash} of entry {@code seq - 1} ({@link AuditChain#GENESIS} for the first)
 * @param hash SHA-256 over every other field ({@link AuditChain#hash})
 */
public record AuditEntry(
        long seq,
        Instant at,
        String actorId,
        String actorName,
        String action,
        String entity,
        String before,
        String after,
        String prevHash,
        String hash) {}
