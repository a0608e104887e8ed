package com.acme.payouts.store;

import com.acme.payouts.security.ApiKey;
import java.util.List;
import java.util.Optional;

/**
 * Where API keys live: only salted hashes of their secrets. {@link #insert} is create-only and
 * {@link #update} is compare-and-set on the version, so a rotation and a revocation racing on two
 * instances can't both land on the same version.
 */
public interface ApiKeyStore {

    /** Stores a new key; {@code false} if the id is taken. */
    boolean insert(ApiKey key);

    Optional<ApiKey> find(String id);

    /** @throws ConcurrentUpdateException if the stored key is no longer at {@code expectedVersion} */
    void update(ApiKey key, long expectedVersion);

    /** Every key, revoked ones included, oldest first. */
    List<ApiKey> list();
}
