package com.acme.payouts.payee;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed blind index of a payee's destination, so the vault can find "this customer already registered that
 * account" without decrypting anything (ADR 0010).
 *
 * <p>HMAC-SHA-256 over the customer id and the <em>normalised</em> destination (type, BSB and account number, or
 * PayID type and PayID; not the account name, which is a label of the account, not its identity). The key is its own
 * secret ({@code PAYOUTS_PAYEE_INDEX_KEY}), separate from the key-encryption keys: whoever holds it can only test
 * guesses against the index, never decrypt. Binding the customer id means equal accounts of two customers index
 * differently, so the index reveals nothing across customers.
 */
public final class PayeeBlindIndex {

    /** Prefix naming the scheme, so a later key or algorithm can be told apart from this one. */
    static final String PREFIX = "bi1_";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param key at least 32 bytes */
    public PayeeBlindIndex(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("the payee index key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), HMAC);
    }

    /** The index of {@code destination} for {@code customerId}: {@code bi1_} and 43 base64url characters. */
    public String of(String customerId, PayeeDestination destination) {
        Objects.requireNonNull(customerId, "customerId");
        String canonical;
        if (destination instanceof BankAccountDestination account) {
            canonical = String.join("\u0000", "BANK_ACCOUNT", account.bsb(), account.accountNumber());
        } else {
            PayIdDestination payId = (PayIdDestination) destination;
            canonical = String.join("\u0000", "PAYID", payId.payIdType().wireName(), payId.payId());
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(customerId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0x1f);
            byte[] digest = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "PayeeBlindIndex[key=<redacted>]";
    }
}
