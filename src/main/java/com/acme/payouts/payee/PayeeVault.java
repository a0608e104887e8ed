package com.acme.payouts.payee;

import com.acme.payouts.payee.crypto.PayeeCipher;
import com.acme.payouts.payee.crypto.SealedPayee;
import com.acme.payouts.payout.PayeeDirectory;
import com.acme.payouts.payout.PayeeFacts;
import com.acme.payouts.store.Page;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.StoredPayee;
import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.RequestRejectedException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates, seals and stores payout destinations, and is the only code that ever opens them again
 * (for the one execute call that needs them). Everything it hands out otherwise is masked.
 *
 * <p>A payee has versions (ADR 0010): a change of destination is a new version sealed under its own data key, and a
 * payout is paid to the version it was created for. Duplicates per customer are found through a keyed blind index,
 * never by decrypting. Deleting a payee destroys every version's data key (crypto-shredding).
 */
public class PayeeVault implements PayeeDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(PayeeVault.class);
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final PayeeStore store;
    private final PayeeCipher cipher;
    private final PayeeValidator validator;
    private final PayeeCodec codec;
    private final BsbDirectory bsbs;
    private final PayeeBlindIndex blindIndex;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** The result of {@link #register}: the payee, and whether it is new or the customer's existing one. */
    public record Registration(Payee payee, boolean created) {}

    /** The result of {@link #update}. */
    public sealed interface Update permits Updated, Unchanged, UpdateNotFound, DuplicateDestination, UpdateConflict {}

    /** A new version was stored. */
    public record Updated(Payee payee) implements Update {}

    /** The submitted destination equals the current version: nothing changed. */
    public record Unchanged(Payee payee) implements Update {}

    /** No such live payee. */
    public record UpdateNotFound() implements Update {}

    /** Another payee of the customer already has that destination. */
    public record DuplicateDestination(String existingPayeeId) implements Update {}

    /** The payee changed or was deleted while this update was being made. */
    public record UpdateConflict() implements Update {}

    public PayeeVault(
            PayeeStore store,
            PayeeCipher cipher,
            PayeeValidator validator,
            PayeeCodec codec,
            BsbDirectory bsbs,
            PayeeBlindIndex blindIndex,
            Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.validator = validator;
        this.codec = codec;
        this.bsbs = bsbs;
        this.blindIndex = blindIndex;
        this.clock = clock;
    }

    /**
     * Registers a destination for a customer; if the customer already has a payee with this destination (same
     * normalised BSB and account number, or PayID), that payee is returned instead and nothing is stored.
     *
     * @throws RequestRejectedException naming every invalid field (never quoting it)
     * @throws BsbCheckUnavailableException if Monoova's BSB check could not be made
     */
    public Registration register(String customerId, PayeeInput input) {
        PayeeDestination destination = validated(input);
        String index = blindIndex.of(customerId, destination);
        boolean directEntry = validator.directEntryProblems(destination).isEmpty();
        while (true) {
            String id = newId();
            Payee payee = new Payee(
                    id, customerId, destination.type(), destination.masked(), directEntry,
                    clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), 1);
            PayeeStore.WriteResult result = store.insert(new StoredPayee(payee, seal(id, destination)), index);
            if (result instanceof PayeeStore.Written) {
                LOG.info("payee {} registered for customer {} ({})", id, customerId, payee.display());
                return new Registration(payee, true);
            }
            if (result instanceof PayeeStore.Duplicate duplicate) {
                Optional<Payee> existing = find(duplicate.existingPayeeId());
                if (existing.isPresent()) {
                    LOG.info("payee {} of customer {} already has this destination", existing.get().id(), customerId);
                    return new Registration(existing.get(), false);
                }
                // Deleted between the insert and the read: its index is free again, so try once more.
            }
        }
    }

    /** The payee as it is now (current version), masked. */
    public Optional<Payee> find(String payeeId) {
        return store.find(payeeId).map(StoredPayee::payee);
    }

    /** The customer's payees, newest first, masked. */
    public Page<Payee> list(String customerId, int limit, String cursor) {
        return store.listByCustomer(customerId, limit, cursor);
    }

    /**
     * Replaces the destination of a payee. A different destination or account name becomes a new version; payouts
     * already made keep the version they were created for. Submitting the current destination again changes nothing.
     *
     * @throws RequestRejectedException naming every invalid field
     * @throws BsbCheckUnavailableException if Monoova's BSB check could not be made
     */
    public Update update(String payeeId, PayeeInput input) {
        PayeeDestination destination = validated(input);
        Optional<StoredPayee> current = store.find(payeeId);
        if (current.isEmpty()) {
            return new UpdateNotFound();
        }
        Payee was = current.get().payee();
        byte[] plain = codec.encode(destination);
        byte[] currentPlain = cipher.open(payeeId, current.get().sealed());
        try {
            if (Arrays.equals(plain, currentPlain)) {
                return new Unchanged(was);
            }
        } finally {
            Arrays.fill(currentPlain, (byte) 0);
        }
        Payee next = new Payee(payeeId, was.customerId(), destination.type(), destination.masked(),
                validator.directEntryProblems(destination).isEmpty(), was.createdAt(), was.version() + 1,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        SealedPayee sealed;
        try {
            sealed = cipher.seal(payeeId, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        PayeeStore.WriteResult result =
                store.addVersion(new StoredPayee(next, sealed), was.version(), blindIndex.of(was.customerId(), destination));
        if (result instanceof PayeeStore.Written) {
            LOG.info("payee {} is now version {} ({})", payeeId, next.version(), next.display());
            return new Updated(next);
        }
        if (result instanceof PayeeStore.Duplicate duplicate) {
            return new DuplicateDestination(duplicate.existingPayeeId());
        }
        return new UpdateConflict();
    }

    /**
     * Deletes a payee by destroying the data key of every version (crypto-shredding): its ciphertexts can never be
     * decrypted again, wherever copies of them are. Payouts keep only their masked summary; one not yet submitted is
     * refused at submission because its payee version can no longer be opened.
     */
    public boolean delete(String payeeId) {
        boolean deleted = store.delete(payeeId);
        if (deleted) {
            LOG.info("payee {} deleted; the data keys of all its versions are destroyed", payeeId);
        }
        return deleted;
    }

    /** Decrypts the current version of a payee's destination. */
    public Optional<PayeeDestination> open(String payeeId) {
        return store.find(payeeId).map(this::open);
    }

    /** Decrypts exactly {@code version} of a payee's destination; empty if the payee or version is gone. */
    public Optional<PayeeDestination> open(String payeeId, int version) {
        return store.findVersion(payeeId, version).map(this::open);
    }

    /** Decrypts a payee record already read from the store (e.g. by the aws2-ddb lookup route). */
    public PayeeDestination open(StoredPayee stored) {
        if (stored.sealed() == null) {
            throw new com.acme.payouts.payee.crypto.PayeeCryptoException(
                    "payee " + stored.payee().id() + " version " + stored.payee().version() + " was shredded");
        }
        byte[] plain = cipher.open(stored.payee().id(), stored.sealed());
        try {
            return codec.decode(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public Optional<PayeeFacts> facts(String payeeId) {
        // destinationSince: when the current version's destination was set, so a changed payee cools off again.
        return find(payeeId).map(p -> new PayeeFacts(
                p.id(), p.customerId(), p.display(), p.type() == PayeeType.BANK_ACCOUNT, p.directEntryEligible(),
                p.version(), p.destinationSince()));
    }

    private PayeeDestination validated(PayeeInput input) {
        ValidationResult result = validator.validate(input);
        if (!result.isValid()) {
            throw RequestRejectedException.invalid(result.errors());
        }
        PayeeDestination destination = result.destination().orElseThrow();
        if (destination instanceof BankAccountDestination account) {
            checkBsb(account.bsb());
        }
        return destination;
    }

    /** Monoova's BSB directory must know the BSB and the branch must be open. */
    private void checkBsb(String bsb) {
        BsbCheck check = bsbs.check(bsb);
        List<FieldError> errors = new ArrayList<>();
        switch (check.status()) {
            case OPEN -> {
                return;
            }
            case UNKNOWN -> errors.add(new FieldError("bsb", FieldError.BSB_UNKNOWN, "Monoova does not know this BSB"));
            case CLOSED -> errors.add(new FieldError(
                    "bsb",
                    FieldError.BSB_CLOSED,
                    check.replacement()
                            .map(r -> "this BSB's branch is closed; Monoova names " + r + " as its replacement")
                            .orElse("this BSB's branch is closed")));
        }
        throw RequestRejectedException.invalid(errors);
    }

    private SealedPayee seal(String id, PayeeDestination destination) {
        byte[] plain = codec.encode(destination);
        try {
            return cipher.seal(id, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
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
