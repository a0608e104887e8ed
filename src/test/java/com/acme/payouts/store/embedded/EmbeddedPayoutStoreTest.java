package com.acme.payouts.store.embedded;

import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.store.PayoutStoreContract;
import com.acme.payouts.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;

class EmbeddedPayoutStoreTest extends PayoutStoreContract {

    private PayoutStore store;

    @BeforeEach
    void freshStore() {
        store = new EmbeddedPayoutStore(TestDatabase.fresh());
    }

    @Override
    protected PayoutStore store() {
        return store;
    }
}
