package com.acme.payouts.support;

import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** A fresh in-memory H2 with the embedded schema, for unit tests that want the real stores. */
public final class TestDatabase {

    private TestDatabase() {}

    public static NamedParameterJdbcTemplate fresh() {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
        new ResourceDatabasePopulator(new ClassPathResource("db/embedded-schema.sql")).execute(ds);
        return new NamedParameterJdbcTemplate(ds);
    }
}
