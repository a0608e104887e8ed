package com.acme.payouts.store.dynamodb;

import com.acme.payouts.store.NameCheckStore;
import com.acme.payouts.store.NameCheckStoreContract;
import com.acme.payouts.support.MotoServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The name check contract against DynamoDB (moto server over real HTTP). */
class DynamoNameCheckStoreIT extends NameCheckStoreContract {

    private NameCheckStore store;

    @BeforeEach
    void freshTables() {
        DynamoDbClient dynamo = MotoServer.shared().dynamo();
        DynamoTables tables = new DynamoTables("n" + UUID.randomUUID().toString().substring(0, 8) + "-");
        tables.createAll(dynamo);
        store = new DynamoNameCheckStore(dynamo, tables);
    }

    @Override
    protected NameCheckStore store() {
        return store;
    }
}
