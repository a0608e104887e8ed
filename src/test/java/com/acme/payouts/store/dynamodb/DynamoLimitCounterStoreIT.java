package com.acme.payouts.store.dynamodb;

import com.acme.payouts.store.LimitCounterStore;
import com.acme.payouts.store.LimitCounterStoreContract;
import com.acme.payouts.support.MotoServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The limit counter contract against DynamoDB (moto server over real HTTP): transactions with conditions. */
class DynamoLimitCounterStoreIT extends LimitCounterStoreContract {

    private LimitCounterStore store;

    @BeforeEach
    void freshTables() {
        DynamoDbClient dynamo = MotoServer.shared().dynamo();
        DynamoTables tables = new DynamoTables("t" + UUID.randomUUID().toString().substring(0, 8) + "-");
        tables.createAll(dynamo);
        store = new DynamoLimitCounterStore(dynamo, tables);
    }

    @Override
    protected LimitCounterStore store() {
        return store;
    }
}
