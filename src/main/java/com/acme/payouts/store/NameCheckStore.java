package com.acme.payouts.store;

import com.acme.payouts.namecheck.NameCheck;
import java.util.Optional;

/** The latest name check of each payee, keyed by payee id. */
public interface NameCheckStore {

    /**
     * Stores the check unless the payee already has one at least as recent (a conditional write, so two
     * instances checking at once keep the newer result).
     *
     * @return true if stored
     */
    boolean save(NameCheck check);

    Optional<NameCheck> find(String payeeId);
}
