package com.acme.payouts.submission;

import com.acme.payouts.payout.Payout;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.StoredPayee;
import com.acme.payouts.store.dynamodb.DynamoPayeeStore;
import java.util.Map;
import org.apache.camel.Exchange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The steps of the load-payee routes: find the stored (still sealed) payee of the payout being
 * submitted and leave it in the {@code storedPayee} property, or nothing if the payee is gone.
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
        store.find(payeeId(exchange)).ifPresent(p -> exchange.setProperty(STORED_PAYEE, p));
    }

    public void prepareGetItem(Exchange exchange) {
        exchange.getMessage().setHeader(KEY, Map.of("id", AttributeValue.fromS(payeeId(exchange))));
    }

    @SuppressWarnings("unchecked")
    public void fromGetItem(Exchange exchange) {
        Map<String, AttributeValue> item = exchange.getMessage().getHeader(ATTRIBUTES, Map.class);
        exchange.getMessage().removeHeader(KEY);
        exchange.getMessage().removeHeader(ATTRIBUTES);
        if (item != null && !item.isEmpty()) {
            StoredPayee payee = DynamoPayeeStore.fromItem(item);
            exchange.setProperty(STORED_PAYEE, payee);
        }
    }

    private static String payeeId(Exchange exchange) {
        return exchange.getProperty(SubmissionSteps.PAYOUT, Payout.class).payeeId();
    }
}
