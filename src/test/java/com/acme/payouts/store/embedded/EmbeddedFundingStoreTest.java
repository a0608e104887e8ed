package com.acme.payouts.store.embedded;

import com.acme.payouts.store.FundingStore;
import com.acme.payouts.store.FundingStoreContract;
import com.acme.payouts.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;

class EmbeddedFundingStoreTest extends FundingStoreContract {

    private FundingStore store;

    @BeforeEach
    void freshStore() {
        store = new EmbeddedFundingStore(TestDatabase.fresh());
    }

    @Override
    protected FundingStore store() {
        return store;
    }
}
