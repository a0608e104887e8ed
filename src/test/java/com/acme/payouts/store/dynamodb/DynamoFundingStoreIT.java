package com.acme.payouts.store.dynamodb;

import com.acme.payouts.store.FundingStore;
import com.acme.payouts.store.FundingStoreContract;
import com.acme.payouts.support.MotoServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The funding store contract against DynamoDB (moto server over real HTTP), transactions included. */
class DynamoFundingStoreIT extends FundingStoreContract {

    private FundingStore store;

    @BeforeEach
    void freshTables() {
        DynamoDbClient dynamo = MotoServer.shared().dynamo();
        DynamoTables tables = new DynamoTables("f" + UUID.randomUUID().toString().substring(0, 8) + "-");
        tables.createAll(dynamo);
        store = new DynamoFundingStore(dynamo, tables);
    }

    @Override
    protected FundingStore store() {
        return store;
    }
}
