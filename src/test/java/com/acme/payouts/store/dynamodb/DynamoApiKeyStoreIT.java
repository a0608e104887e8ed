package com.acme.payouts.store.dynamodb;

import com.acme.payouts.store.ApiKeyStore;
import com.acme.payouts.store.ApiKeyStoreContract;
import com.acme.payouts.support.MotoServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The API key store contract against DynamoDB (moto server over real HTTP). */
class DynamoApiKeyStoreIT extends ApiKeyStoreContract {

    private ApiKeyStore store;

    @BeforeEach
    void freshTables() {
        DynamoDbClient dynamo = MotoServer.shared().dynamo();
        DynamoTables tables = new DynamoTables("t" + UUID.randomUUID().toString().substring(0, 8) + "-");
        tables.createAll(dynamo);
        store = new DynamoApiKeyStore(dynamo, tables);
    }

    @Override
    protected ApiKeyStore store() {
        return store;
    }
}
