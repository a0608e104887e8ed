package com.acme.payouts.store;

import java.util.Optional;

/** Where payees live: masked facts in the clear, the destination only as ciphertext and wrapped data key. */
public interface PayeeStore {

    /** Stores a new payee; {@code false} if the id is taken. */
    boolean insert(StoredPayee payee);

    Optional<StoredPayee> find(String id);
}
