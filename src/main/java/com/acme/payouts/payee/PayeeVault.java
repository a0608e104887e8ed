package com.acme.payouts.payee;

import com.acme.payouts.payee.crypto.PayeeCipher;
import com.acme.payouts.payee.crypto.SealedPayee;
import com.acme.payouts.payout.PayeeDirectory;
import com.acme.payouts.payout.PayeeFacts;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.StoredPayee;
import com.acme.payouts.support.RequestRejectedException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates, seals and stores payout destinations, and is the only code that ever opens them again
 * (for the one execute call that needs them). Everything it hands out otherwise is masked.
 */
public class PayeeVault implements PayeeDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(PayeeVault.class);
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final PayeeStore store;
    private final PayeeCipher cipher;
    private final PayeeValidator validator;
    private final PayeeCodec codec;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PayeeVault(PayeeStore store, PayeeCipher cipher, PayeeValidator validator, PayeeCodec codec, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.validator = validator;
        this.codec = codec;
        this.clock = clock;
    }

    /** @throws RequestRejectedException naming every invalid field (never quoting it) */
    public Payee register(String customerId, PayeeInput input) {
        ValidationResult result = validator.validate(input);
        if (!result.isValid()) {
            throw RequestRejectedException.invalid(result.errors());
        }
        PayeeDestination destination = result.destination().orElseThrow();
        boolean directEntry = validator.directEntryProblems(destination).isEmpty();
        while (true) {
            String id = newId();
            SealedPayee sealed = cipher.seal(id, codec.encode(destination));
            Payee payee = new Payee(id, customerId, destination.type(), destination.masked(), directEntry, clock.instant());
            if (store.insert(new StoredPayee(payee, sealed))) {
                LOG.info("payee {} registered for customer {} ({})", id, customerId, payee.display());
                return payee;
            }
        }
    }

    public Optional<Payee> find(String payeeId) {
        return store.find(payeeId).map(StoredPayee::payee);
    }

    /** Decrypts a payee's destination; only for building the Monoova request. */
    public Optional<PayeeDestination> open(String payeeId) {
        return store.find(payeeId).map(this::open);
    }

    /** Decrypts a payee record already read from the store (e.g. by the aws2-ddb lookup route). */
    public PayeeDestination open(StoredPayee stored) {
        return codec.decode(cipher.open(stored.payee().id(), stored.sealed()));
    }

    @Override
    public Optional<PayeeFacts> facts(String payeeId) {
        // destinationSince: the payee's creation time while a destination cannot change; with payee
        // versions it becomes the creation time of the current version (cooling-off starts again).
        return find(payeeId).map(p -> new PayeeFacts(
                p.id(), p.customerId(), p.display(), p.type() == PayeeType.BANK_ACCOUNT, p.directEntryEligible(),
                p.createdAt()));
    }

    private String newId() {
        byte[] bytes = new byte[17];
        random.nextBytes(bytes);
        StringBuilder id = new StringBuilder("pe_");
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && id.length() < 29) {
                id.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return id.toString();
    }
}
