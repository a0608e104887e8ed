package com.acme.payouts.store.embedded;

import com.acme.payouts.store.LimitCounterStore;
import com.acme.payouts.store.LimitCounterStoreContract;
import com.acme.payouts.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class EmbeddedLimitCounterStoreTest extends LimitCounterStoreContract {

    private LimitCounterStore store;

    @BeforeEach
    void freshStore() {
        var jdbc = TestDatabase.fresh();
        var tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource()));
        store = new EmbeddedLimitCounterStore(jdbc, tx);
    }

    @Override
    protected LimitCounterStore store() {
        return store;
    }
}
