package com.acme.payouts.messaging;

import com.acme.payouts.store.ProcessedMessageStore;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A Camel {@link IdempotentRepository} over our {@link ProcessedMessageStore} (H2 or DynamoDB), so a
 * message redelivered to any instance is recognised. Camel ships no DynamoDB-backed one; the store's
 * atomic put-if-absent is what makes this safe across instances.
 */
public class StoreIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private final ProcessedMessageStore store;
    private final String name;

    public StoreIdempotentRepository(ProcessedMessageStore store, String name) {
        this.store = store;
        this.name = name;
    }

    @Override
    public boolean add(String key) {
        return store.add(name, key);
    }

    @Override
    public boolean contains(String key) {
        return store.contains(name, key);
    }

    @Override
    public boolean remove(String key) {
        return store.remove(name, key);
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        store.clear(name);
    }
}
