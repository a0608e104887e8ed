package com.acme.payouts.security;

import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.payout.Actor;
import com.acme.payouts.payout.Money;
import com.acme.payouts.store.ApiKeyStore;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys for service-to-service callers and the embedded default: created, rotated and revoked by
 * an operator (role {@code ops}), each bound to a name, a role set, optional customer scopes and
 * limits. The secret is shown once, when it is made; only a salted HMAC of it is stored
 * ({@link ApiKeyHasher}). Every change is appended to the audit log.
 */
public class ApiKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    static final String BOOTSTRAP_NAME = "bootstrap operator";
    /** Generated bootstrap tokens look like this, so secret scanners can find a leaked one. */
    static final String BOOTSTRAP_PREFIX = "pkboot_";
    private static final int MIN_BOOTSTRAP_LENGTH = 32;

    private final ApiKeyStore store;
    private final ApiKeyHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final byte[] dummySalt = new byte[16];

    public ApiKeys(ApiKeyStore store, ApiKeyHasher hasher, AuditLog audit, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /** A key with its bearer token: the only time the token exists outside the caller's hands. */
    public record Issued(ApiKey key, String token) {
        @Override
        public String toString() {
            return "Issued[" + key + "]";
        }
    }

    /** What an operator asks for. */
    public record NewKey(String name, Set<Role> roles, Set<String> customers, BigDecimal perRequestLimit, BigDecimal dailyLimit) {}

    /** Thrown for a key that does not exist (404) or can no longer be changed (409). */
    public static class KeyProblem extends RuntimeException {
        private final boolean missing;

        KeyProblem(boolean missing, String message) {
            super(message);
            this.missing = missing;
        }

        public boolean missing() {
            return missing;
        }
    }

    public Issued create(NewKey request, Actor by) {
        Instant now = clock.instant();
        while (true) {
            String id = ApiKeyTokens.newId(random);
            String secret = ApiKeyTokens.newSecret(random);
            byte[] salt = salt();
            ApiKey key = new ApiKey(id, request.name(), request.roles(), request.customers(), salt, hasher.hash(salt, secret),
                    null, null, null, request.perRequestLimit(), request.dailyLimit(), by.id(), now, null, null, 1);
            if (store.insert(key)) {
                audit.append("api-key.created", entity(id), by, null, view(key));
                LOG.info("API key {} '{}' created by {} with roles {}", id, key.name(), by.id(), key.roles());
                return new Issued(key, ApiKeyTokens.token(id, secret));
            }
        }
    }

    /**
     * Gives a key a new secret. With an {@code overlap}, the previous secret keeps working until then,
     * so callers can switch without an outage; with none it stops at once.
     */
    public Issued rotate(String id, Duration overlap, Actor by) {
        ApiKey key = store.find(id).orElseThrow(() -> new KeyProblem(true, "no API key " + id));
        if (key.revoked()) {
            throw new KeyProblem(false, "API key " + id + " is revoked");
        }
        if (ApiKeyTokens.BOOTSTRAP_ID.equals(id)) {
            throw new KeyProblem(false, "the bootstrap key is rotated by setting PAYOUTS_BOOTSTRAP_TOKEN, or revoked");
        }
        Instant now = clock.instant();
        String secret = ApiKeyTokens.newSecret(random);
        byte[] salt = salt();
        boolean keepPrevious = !overlap.isZero();
        ApiKey rotated = new ApiKey(id, key.name(), key.roles(), key.customers(), salt, hasher.hash(salt, secret),
                keepPrevious ? key.salt() : null, keepPrevious ? key.secretHash() : null,
                keepPrevious ? now.plus(overlap) : null, key.perRequestLimit(), key.dailyLimit(), key.createdBy(),
                key.createdAt(), now, null, key.version() + 1);
        store.update(rotated, key.version());
        audit.append("api-key.rotated", entity(id), by, view(key), view(rotated));
        LOG.info("API key {} rotated by {} (previous secret valid until {})", id, by.id(),
                keepPrevious ? rotated.previousValidUntil() : "now");
        return new Issued(rotated, ApiKeyTokens.token(id, secret));
    }

    /** Revokes a key at once, previous secret included. Revoking a revoked key changes nothing. */
    public ApiKey revoke(String id, Actor by) {
        ApiKey key = store.find(id).orElseThrow(() -> new KeyProblem(true, "no API key " + id));
        if (key.revoked()) {
            return key;
        }
        ApiKey revoked = new ApiKey(id, key.name(), key.roles(), key.customers(), key.salt(), key.secretHash(), null, null,
                null, key.perRequestLimit(), key.dailyLimit(), key.createdBy(), key.createdAt(), key.rotatedAt(),
                clock.instant(), key.version() + 1);
        store.update(revoked, key.version());
        audit.append("api-key.revoked", entity(id), by, view(key), view(revoked));
        LOG.info("API key {} revoked by {}", id, by.id());
        return revoked;
    }

    public List<ApiKey> list() {
        return store.list();
    }

    public Optional<ApiKey> find(String id) {
        return store.find(id);
    }

    /** The caller a bearer token stands for, if it is a live API key's current (or overlapping previous) secret. */
    public Optional<Caller> authenticate(String token) {
        Optional<ApiKeyTokens.Parsed> parsed = ApiKeyTokens.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String secret = parsed.get().secret();
        Optional<ApiKey> found = store.find(parsed.get().keyId());
        if (found.isEmpty()) {
            // The same work as for a real key: how long a refusal takes says nothing about which ids exist.
            hasher.matches(dummySalt, new byte[32], secret);
            return Optional.empty();
        }
        ApiKey key = found.get();
        if (key.revoked()) {
            return Optional.empty();
        }
        boolean current = hasher.matches(key.salt(), key.secretHash(), secret);
        boolean previous = !current && key.previousValidUntil() != null
                && clock.instant().isBefore(key.previousValidUntil())
                && hasher.matches(key.previousSalt(), key.previousHash(), secret);
        if (!current && !previous) {
            return Optional.empty();
        }
        return Optional.of(new Caller("key:" + key.id(), key.name(), Caller.Kind.API_KEY, key.roles(), key.customers(),
                key.perRequestLimit() == null ? null : Money.aud(key.perRequestLimit()),
                key.dailyLimit() == null ? null : Money.aud(key.dailyLimit())));
    }

    /**
     * Makes sure the bootstrap operator key exists. A configured token (PAYOUTS_BOOTSTRAP_TOKEN) is
     * taken as the bootstrap key's secret, replacing a different earlier one (and lifting a revocation,
     * since a new token is a deliberate act); the same token as before leaves a revoked key revoked.
     * Without one, and only if {@code mayGenerate}, a key is generated the first time and its token
     * returned so that it can be shown once.
     *
     * @return the generated token, if one was generated by this call
     */
    public Optional<String> bootstrap(String configuredToken, Set<Role> roles, boolean mayGenerate) {
        Optional<ApiKey> existing = store.find(ApiKeyTokens.BOOTSTRAP_ID);
        Instant now = clock.instant();
        if (configuredToken != null && !configuredToken.isBlank()) {
            if (configuredToken.length() < MIN_BOOTSTRAP_LENGTH || configuredToken.length() > 512) {
                throw new IllegalStateException(
                        "PAYOUTS_BOOTSTRAP_TOKEN must be 32 to 512 characters (e.g. openssl rand -hex 32)");
            }
            if (existing.isEmpty()) {
                insertBootstrap(configuredToken, roles, now, "api-key.bootstrapped");
            } else {
                ApiKey key = existing.get();
                boolean sameSecret = hasher.matches(key.salt(), key.secretHash(), configuredToken);
                if (!sameSecret || (!key.revoked() && !key.roles().equals(Set.copyOf(roles)))) {
                    byte[] salt = salt();
                    ApiKey replaced = new ApiKey(key.id(), BOOTSTRAP_NAME, roles, Set.of(), salt,
                            hasher.hash(salt, configuredToken), null, null, null, null, null, Actor.SYSTEM.id(),
                            key.createdAt(), now, sameSecret ? key.revokedAt() : null, key.version() + 1);
                    store.update(replaced, key.version());
                    audit.append("api-key.bootstrap-replaced", entity(key.id()), Actor.SYSTEM, view(key), view(replaced));
                    LOG.info("bootstrap operator key set from configuration (roles {})", roles);
                }
            }
            return Optional.empty();
        }
        if (existing.isPresent() || !mayGenerate) {
            return Optional.empty();
        }
        String token = BOOTSTRAP_PREFIX + ApiKeyTokens.newSecret(random);
        return insertBootstrap(token, roles, now, "api-key.bootstrapped") ? Optional.of(token) : Optional.empty();
    }

    private boolean insertBootstrap(String token, Set<Role> roles, Instant now, String action) {
        byte[] salt = salt();
        ApiKey key = new ApiKey(ApiKeyTokens.BOOTSTRAP_ID, BOOTSTRAP_NAME, roles, Set.of(), salt, hasher.hash(salt, token),
                null, null, null, null, null, Actor.SYSTEM.id(), now, null, null, 1);
        if (!store.insert(key)) {
            return false;
        }
        audit.append(action, entity(key.id()), Actor.SYSTEM, null, view(key));
        return true;
    }

    /** What the API and the audit trail show of a key: never its salt or hash. */
    public static Map<String, Object> view(ApiKey k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", k.id());
        v.put("name", k.name());
        v.put("roles", new TreeSet<>(k.roles().stream().map(Role::value).toList()));
        v.put("customers", new TreeSet<>(k.customers()));
        if (k.perRequestLimit() != null) {
            v.put("perRequestLimit", k.perRequestLimit().toPlainString());
        }
        if (k.dailyLimit() != null) {
            v.put("dailyLimit", k.dailyLimit().toPlainString());
        }
        v.put("createdBy", k.createdBy());
        v.put("createdAt", k.createdAt().toString());
        if (k.rotatedAt() != null) {
            v.put("rotatedAt", k.rotatedAt().toString());
        }
        if (k.previousValidUntil() != null) {
            v.put("previousSecretValidUntil", k.previousValidUntil().toString());
        }
        if (k.revokedAt() != null) {
            v.put("revokedAt", k.revokedAt().toString());
        }
        return v;
    }

    static String entity(String keyId) {
        return "api-key:" + keyId;
    }

    private byte[] salt() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return salt;
    }
}
