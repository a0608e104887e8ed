package com.acme.payouts.store.embedded;

import com.acme.payouts.store.NameCheckStore;
import com.acme.payouts.store.NameCheckStoreContract;
import com.acme.payouts.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;

class EmbeddedNameCheckStoreTest extends NameCheckStoreContract {

    private NameCheckStore store;

    @BeforeEach
    void freshStore() {
        store = new EmbeddedNameCheckStore(TestDatabase.fresh());
    }

    @Override
    protected NameCheckStore store() {
        return store;
    }
}
