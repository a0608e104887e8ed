package com.acme.payouts.store.dynamodb;

import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.PayeeStoreContract;
import com.acme.payouts.store.ProcessedMessageStore;
import com.acme.payouts.store.ProcessedMessageStoreContract;
import com.acme.payouts.store.WebhookReceiptStore;
import com.acme.payouts.store.WebhookReceiptStoreContract;
import com.acme.payouts.support.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store contracts against the DynamoDB adapters (moto server over real HTTP), one set of tables. */
class DynamoStoresContractIT {

    private static final DynamoDbClient DYNAMO = MotoServer.shared().dynamo();
    private static final DynamoTables TABLES = tables();

    private static DynamoTables tables() {
        DynamoTables t = new DynamoTables("c" + UUID.randomUUID().toString().substring(0, 8) + "-");
        t.createAll(DYNAMO);
        return t;
    }

    @Nested
    class Payees extends PayeeStoreContract {
        @Override
        protected PayeeStore store() {
            return new DynamoPayeeStore(DYNAMO, TABLES);
        }
    }

    @Nested
    class ProcessedMessages extends ProcessedMessageStoreContract {
        @Override
        protected ProcessedMessageStore store() {
            return new DynamoProcessedMessageStore(DYNAMO, TABLES, Clock.systemUTC(), Duration.ofDays(1));
        }
    }

    @Nested
    class WebhookReceipts extends WebhookReceiptStoreContract {
        @Override
        protected WebhookReceiptStore store() {
            return new DynamoWebhookReceiptStore(DYNAMO, TABLES, Clock.systemUTC());
        }
    }
}
