package com.acme.payouts.store.embedded;

import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.RedriveAuditStoreContract;
import com.acme.payouts.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;

class EmbeddedRedriveAuditStoreTest extends RedriveAuditStoreContract {

    private RedriveAuditStore store;

    @BeforeEach
    void freshStore() {
        store = new EmbeddedRedriveAuditStore(TestDatabase.fresh());
    }

    @Override
    protected RedriveAuditStore store() {
        return store;
    }
}
