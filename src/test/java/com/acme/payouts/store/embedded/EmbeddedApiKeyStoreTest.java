package com.acme.payouts.store.embedded;

import com.acme.payouts.store.ApiKeyStore;
import com.acme.payouts.store.ApiKeyStoreContract;
import com.acme.payouts.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;

class EmbeddedApiKeyStoreTest extends ApiKeyStoreContract {

    private ApiKeyStore store;

    @BeforeEach
    void freshStore() {
        store = new EmbeddedApiKeyStore(TestDatabase.fresh());
    }

    @Override
    protected ApiKeyStore store() {
        return store;
    }
}
