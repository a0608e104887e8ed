package com.acme.payouts.store.dynamodb;

import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.store.PayoutStoreContract;
import com.acme.payouts.support.MotoServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The payout store contract against DynamoDB (moto server over real HTTP). */
class DynamoPayoutStoreIT extends PayoutStoreContract {

    private PayoutStore store;

    @BeforeEach
    void freshTables() {
        DynamoDbClient dynamo = MotoServer.shared().dynamo();
        DynamoTables tables = new DynamoTables("t" + UUID.randomUUID().toString().substring(0, 8) + "-");
        tables.createAll(dynamo);
        store = new DynamoPayoutStore(dynamo, tables);
    }

    @Override
    protected PayoutStore store() {
        return store;
    }
}
