package com.acme.payouts.submission;

import com.acme.payouts.payout.Payout;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.StoredPayee;
import com.acme.payouts.store.dynamodb.DynamoPayeeStore;
import java.util.Map;
import org.apache.camel.Exchange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The steps of the load-payee routes: find the stored (still sealed) payee version the payout was created for and
 * leave it in the {@code storedPayee} property, or nothing if the payee (or that version's key) is gone. A payee
 * changed since the payout was made is still paid to the version the payout recorded, never the new one.
 */
public class PayeeLookup {

    public static final String STORED_PAYEE = "storedPayee";
    private static final String KEY = "CamelAwsDdbKey";
    private static final String ATTRIBUTES = "CamelAwsDdbAttributes";

    private final PayeeStore store;

    public PayeeLookup(PayeeStore store) {
        this.store = store;
    }

    public void fromStore(Exchange exchange) {
        Payout payout = payout(exchange);
        store.findVersion(payout.payeeId(), payout.payeeVersionOrFirst())
                .ifPresent(p -> exchange.setProperty(STORED_PAYEE, p));
    }

    public void prepareGetItem(Exchange exchange) {
        Payout payout = payout(exchange);
        exchange.getMessage().setHeader(KEY, Map.of("id", AttributeValue.fromS(
                DynamoPayeeStore.versionKey(payout.payeeId(), payout.payeeVersionOrFirst()))));
    }

    @SuppressWarnings("unchecked")
    public void fromGetItem(Exchange exchange) {
        Map<String, AttributeValue> item = exchange.getMessage().getHeader(ATTRIBUTES, Map.class);
        exchange.getMessage().removeHeader(KEY);
        exchange.getMessage().removeHeader(ATTRIBUTES);
        if (item != null && !item.isEmpty()) {
            StoredPayee payee = DynamoPayeeStore.fromVersionItem(item);
            if (payee != null) {
                exchange.setProperty(STORED_PAYEE, payee);
            }
            return;
        }
        Payout payout = payout(exchange);
        if (payout.payeeVersionOrFirst() == 1) {
            // A payee from before versions keeps version 1 on its head item.
            store.findVersion(payout.payeeId(), 1).ifPresent(p -> exchange.setProperty(STORED_PAYEE, p));
        }
    }

    private static Payout payout(Exchange exchange) {
        return exchange.getProperty(SubmissionSteps.PAYOUT, Payout.class);
    }
}
