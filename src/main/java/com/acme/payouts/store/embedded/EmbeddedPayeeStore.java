package com.acme.payouts.store.embedded;

import com.acme.payouts.payee.MaskedDestination;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeType;
import com.acme.payouts.payee.crypto.SealedPayee;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.StoredPayee;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Payees in H2: masked facts as JSON, the wrapped data key and ciphertext as separate binary columns. */
public class EmbeddedPayeeStore implements PayeeStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public EmbeddedPayeeStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(StoredPayee stored) {
        Payee p = stored.payee();
        try {
            jdbc.update(
                    """
                    INSERT INTO payees (id, customer_id, type, masked, de_eligible, kek_id, wrapped_data_key, ciphertext, created_at)
                    VALUES (:id, :customerId, :type, :masked, :deEligible, :kekId, :wrapped, :ciphertext, :createdAt)
                    """,
                    new MapSqlParameterSource()
                            .addValue("id", p.id())
                            .addValue("customerId", p.customerId())
                            .addValue("type", p.type().name())
                            .addValue("masked", json.writeValueAsString(p.masked()))
                            .addValue("deEligible", p.directEntryEligible())
                            .addValue("kekId", stored.sealed().kekId())
                            .addValue("wrapped", stored.sealed().wrappedDataKey())
                            .addValue("ciphertext", stored.sealed().ciphertext())
                            .addValue("createdAt", p.createdAt().atOffset(ZoneOffset.UTC)));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise masked payee", e);
        }
    }

    @Override
    public Optional<StoredPayee> find(String id) {
        return jdbc.query("SELECT * FROM payees WHERE id = :id", Map.of("id", id), (rs, n) -> {
                    try {
                        Payee payee = new Payee(
                                rs.getString("id"),
                                rs.getString("customer_id"),
                                PayeeType.valueOf(rs.getString("type")),
                                json.readValue(rs.getString("masked"), MaskedDestination.class),
                                rs.getBoolean("de_eligible"),
                                rs.getObject("created_at", OffsetDateTime.class).toInstant());
                        return new StoredPayee(payee, new SealedPayee(
                                rs.getString("kek_id"), rs.getBytes("wrapped_data_key"), rs.getBytes("ciphertext")));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("cannot read masked payee", e);
                    }
                })
                .stream()
                .findFirst();
    }
}
