package com.acme.payouts.store.embedded;

import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** A fresh in-memory H2 with the embedded schema, for store tests. */
final class EmbeddedStores {

    private EmbeddedStores() {}

    static NamedParameterJdbcTemplate freshDatabase() {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
        new ResourceDatabasePopulator(new ClassPathResource("db/embedded-schema.sql")).execute(ds);
        return new NamedParameterJdbcTemplate(ds);
    }
}
