package com.acme.payouts.store.embedded;

import com.acme.payouts.store.AuditStore;
import com.acme.payouts.store.AuditStoreContract;
import com.acme.payouts.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

class EmbeddedAuditStoreTest extends AuditStoreContract {

    private NamedParameterJdbcTemplate jdbc;
    private AuditStore store;

    @BeforeEach
    void freshStore() {
        jdbc = TestDatabase.fresh();
        store = new EmbeddedAuditStore(jdbc);
    }

    @Override
    protected AuditStore store() {
        return store;
    }

    @Override
    protected void tamperAfter(long seq, String newAfter) {
        jdbc.update("UPDATE audit_log SET after_json = :a WHERE seq = :s", Map.of("a", newAfter, "s", seq));
    }

    @Override
    protected void delete(long seq) {
        jdbc.update("DELETE FROM audit_log WHERE seq = :s", Map.of("s", seq));
    }

    @Override
    protected void rewrite(long seq, String newAfter, String newHash) {
        jdbc.update("UPDATE audit_log SET after_json = :a, hash = :h WHERE seq = :s", Map.of("a", newAfter, "h", newHash, "s", seq));
    }
}
