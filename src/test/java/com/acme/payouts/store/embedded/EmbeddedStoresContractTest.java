package com.acme.payouts.store.embedded;

import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.PayeeStoreContract;
import com.acme.payouts.store.ProcessedMessageStore;
import com.acme.payouts.store.ProcessedMessageStoreContract;
import com.acme.payouts.store.WebhookReceiptStore;
import com.acme.payouts.store.WebhookReceiptStoreContract;
import com.acme.payouts.support.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** The store contracts against the embedded H2 adapters. */
class EmbeddedStoresContractTest {

    @Nested
    class Payees extends PayeeStoreContract {
        private final PayeeStore store = new EmbeddedPayeeStore(TestDatabase.fresh());

        @Override
        protected PayeeStore store() {
            return store;
        }
    }

    @Nested
    class ProcessedMessages extends ProcessedMessageStoreContract {
        private final ProcessedMessageStore store = new EmbeddedProcessedMessageStore(TestDatabase.fresh(), Clock.systemUTC());

        @Override
        protected ProcessedMessageStore store() {
            return store;
        }
    }

    @Nested
    class WebhookReceipts extends WebhookReceiptStoreContract {
        private final WebhookReceiptStore store = new EmbeddedWebhookReceiptStore(TestDatabase.fresh(), Clock.systemUTC());

        @Override
        protected WebhookReceiptStore store() {
            return store;
        }
    }
}
