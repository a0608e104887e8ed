package com.acme.payouts.store.dynamodb;

import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.RedriveAuditStoreContract;
import com.acme.payouts.support.MotoServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The redrive audit contract against DynamoDB (moto server over real HTTP). */
class DynamoRedriveAuditStoreIT extends RedriveAuditStoreContract {

    private RedriveAuditStore store;

    @BeforeEach
    void freshTables() {
        DynamoDbClient dynamo = MotoServer.shared().dynamo();
        DynamoTables tables = new DynamoTables("r" + UUID.randomUUID().toString().substring(0, 8) + "-");
        tables.createAll(dynamo);
        store = new DynamoRedriveAuditStore(dynamo, tables);
    }

    @Override
    protected RedriveAuditStore store() {
        return store;
    }
}
