package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.security.ApiKey;
import com.acme.payouts.security.Role;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyStore} must do. Run against H2 and DynamoDB. */
public abstract class ApiKeyStoreContract {

    protected abstract ApiKeyStore store();

    private static final Instant T0 = Instant.parse("2026-11-25T01:00:00Z");

    private static ApiKey key(String id) {
        return new ApiKey(id, "web app", Set.of(Role.PAYOUT_CREATE, Role.PAYOUT_READ), Set.of("c-1", "c-2"),
                new byte[] {1, 2, 3}, new byte[] {4, 5, 6}, null, null, null, new BigDecimal("100.00"), null,
                "key:operator", T0, null, null, 1);
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Test
    void insert_is_create_only_and_every_field_round_trips() {
        ApiKey k = key(id());
        assertThat(store().insert(k)).isTrue();
        assertThat(store().insert(k)).isFalse();
        ApiKey read = store().find(k.id()).orElseThrow();
        assertThat(read).usingRecursiveComparison().isEqualTo(k);
        assertThat(store().find("nosuchkey0000000")).isEmpty();
    }

    @Test
    void update_is_compare_and_set_on_the_version() {
        ApiKey k = key(id());
        store().insert(k);
        ApiKey rotated = new ApiKey(k.id(), k.name(), Set.of(), Set.of(), new byte[] {7}, new byte[] {8}, k.salt(),
                k.secretHash(), T0.plusSeconds(60), null, new BigDecimal("5000.00"), k.createdBy(), k.createdAt(),
                T0.plusSeconds(1), null, 2);
        store().update(rotated, 1);
        assertThat(store().find(k.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(rotated);
        ApiKey stale = new ApiKey(k.id(), k.name(), k.roles(), k.customers(), k.salt(), k.secretHash(), null, null, null,
                null, null, k.createdBy(), k.createdAt(), null, T0.plusSeconds(2), 2);
        assertThatThrownBy(() -> store().update(stale, 1)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store().find(k.id()).orElseThrow().revoked()).isFalse();
    }

    @Test
    void lists_every_key_oldest_first() {
        ApiKey a = key(id());
        ApiKey b = new ApiKey(id(), "b", Set.of(Role.OPS), Set.of(), new byte[] {1}, new byte[] {2}, null, null, null,
                null, null, "system", T0.plusSeconds(10), null, null, 1);
        store().insert(b);
        store().insert(a);
        assertThat(store().list()).extracting(ApiKey::id).containsSubsequence(a.id(), b.id());
    }
}
