package com.acme.payouts.store.embedded;

import com.acme.payouts.store.ProcessedMessageStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Processed-message keys in H2; the primary key makes {@link #add} an atomic put-if-absent. */
public class EmbeddedProcessedMessageStore implements ProcessedMessageStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public EmbeddedProcessedMessageStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean add(String repository, String key) {
        try {
            jdbc.update(
                    "INSERT INTO processed_messages (repository, message_key, created_at) VALUES (:r, :k, :at)",
                    new MapSqlParameterSource()
                            .addValue("r", repository)
                            .addValue("k", key)
                            .addValue("at", clock.instant().atOffset(ZoneOffset.UTC)));
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    @Override
    public boolean contains(String repository, String key) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM processed_messages WHERE repository = :r AND message_key = :k",
                Map.of("r", repository, "k", key),
                Integer.class);
        return n != null && n > 0;
    }

    @Override
    public boolean remove(String repository, String key) {
        return jdbc.update(
                        "DELETE FROM processed_messages WHERE repository = :r AND message_key = :k",
                        Map.of("r", repository, "k", key))
                == 1;
    }

    @Override
    public void clear(String repository) {
        jdbc.update("DELETE FROM processed_messages WHERE repository = :r", Map.of("r", repository));
    }
}
