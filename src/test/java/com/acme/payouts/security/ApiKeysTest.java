package com.acme.payouts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.payout.Actor;
import com.acme.payouts.store.embedded.EmbeddedApiKeyStore;
import com.acme.payouts.store.embedded.EmbeddedAuditStore;
import com.acme.payouts.support.MutableClock;
import com.acme.payouts.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final Actor OPERATOR = new Actor("key:operator", "operator");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
    private EmbeddedApiKeyStore store;
    private AuditLog audit;
    private ApiKeys keys;

    @BeforeEach
    void setUp() {
        var jdbc = TestDatabase.fresh();
        store = new EmbeddedApiKeyStore(jdbc);
        audit = new AuditLog(new EmbeddedAuditStore(jdbc), clock);
        keys = new ApiKeys(store, new ApiKeyHasher("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)), audit, clock);
    }

    private ApiKeys.Issued create(Role... roles) {
        return keys.create(new ApiKeys.NewKey("web app", Set.of(roles), Set.of("c-1"), null, null), OPERATOR);
    }

    @Test
    void a_new_key_authenticates_as_itself_and_only_its_hash_is_stored() {
        ApiKeys.Issued issued = create(Role.PAYOUT_CREATE, Role.PAYOUT_READ);
        assertThat(issued.token()).startsWith("pk_" + issued.key().id() + "_").hasSize(3 + 16 + 1 + 43);
        Caller caller = keys.authenticate(issued.token()).orElseThrow();
        assertThat(caller.id()).isEqualTo("key:" + issued.key().id());
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.PAYOUT_CREATE, Role.PAYOUT_READ);
        assertThat(caller.customers()).containsExactly("c-1");
        ApiKey stored = store.find(issued.key().id()).orElseThrow();
        String secret = issued.token().substring(20);
        assertThat(new String(stored.secretHash(), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(stored.salt()).hasSize(16);
        assertThat(stored.toString()).doesNotContain(secret);
        assertThat(issued.toString()).doesNotContain(secret);
    }

    @Test
    void wrong_secrets_unknown_ids_and_garbage_do_not_authenticate() {
        ApiKeys.Issued issued = create(Role.OPS);
        String token = issued.token();
        char last = token.charAt(token.length() - 1);
        assertThat(keys.authenticate(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();
        assertThat(keys.authenticate("pk_aaaaaaaaaaaaaaaa_" + token.substring(20))).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate("x".repeat(600))).isEmpty();
        assertThat(keys.authenticate("a.b.c")).as("a JWT is not an API key").isEmpty();
    }

    @Test
    void rotation_without_overlap_stops_the_old_secret_at_once() {
        ApiKeys.Issued first = create(Role.PAYOUT_READ);
        ApiKeys.Issued rotated = keys.rotate(first.key().id(), Duration.ZERO, OPERATOR);
        assertThat(keys.authenticate(first.token())).isEmpty();
        assertThat(keys.authenticate(rotated.token())).isPresent();
    }

    @Test
    void rotation_with_overlap_keeps_the_old_secret_until_then() {
        ApiKeys.Issued first = create(Role.PAYOUT_READ);
        ApiKeys.Issued rotated = keys.rotate(first.key().id(), Duration.ofMinutes(10), OPERATOR);
        assertThat(keys.authenticate(first.token())).isPresent();
        assertThat(keys.authenticate(rotated.token())).isPresent();
        clock.advance(Duration.ofMinutes(10));
        assertThat(keys.authenticate(first.token())).isEmpty();
        assertThat(keys.authenticate(rotated.token())).isPresent();
    }

    @Test
    void revocation_stops_current_and_overlapping_secrets_and_is_audited() {
        ApiKeys.Issued first = create(Role.PAYOUT_READ);
        ApiKeys.Issued rotated = keys.rotate(first.key().id(), Duration.ofHours(1), OPERATOR);
        keys.revoke(first.key().id(), OPERATOR);
        assertThat(keys.authenticate(first.token())).isEmpty();
        assertThat(keys.authenticate(rotated.token())).isEmpty();
        assertThatThrownBy(() -> keys.rotate(first.key().id(), Duration.ZERO, OPERATOR)).isInstanceOf(ApiKeys.KeyProblem.class);
        assertThat(audit.list("api-key:" + first.key().id(), null, 10).items())
                .extracting(e -> e.action())
                .containsExactly("api-key.revoked", "api-key.rotated", "api-key.created");
        String entries = audit.list("api-key:" + first.key().id(), null, 10).items().toString();
        assertThat(entries).doesNotContain(first.token().substring(20)).doesNotContain(rotated.token().substring(20));
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void a_generated_bootstrap_key_is_made_once() {
        Set<Role> roles = Set.of(Role.OPS, Role.PAYOUT_CREATE);
        String token = keys.bootstrap(null, roles, true).orElseThrow();
        assertThat(token).startsWith("pkboot_");
        assertThat(keys.bootstrap(null, roles, true)).as("second start: nothing shown").isEmpty();
        Caller caller = keys.authenticate(token).orElseThrow();
        assertThat(caller.id()).isEqualTo("key:bootstrap");
        assertThat(caller.roles()).containsExactlyInAnyOrderElementsOf(roles);
    }

    @Test
    void a_configured_bootstrap_token_replaces_a_different_one_but_never_revives_a_revoked_same_one() {
        Set<Role> roles = Set.of(Role.OPS);
        String configured = "configured-bootstrap-token-0123456789abcdef";
        assertThat(keys.bootstrap(configured, roles, true)).isEmpty();
        assertThat(keys.authenticate(configured)).isPresent();
        keys.revoke(ApiKeyTokens.BOOTSTRAP_ID, OPERATOR);
        keys.bootstrap(configured, roles, true);
        assertThat(keys.authenticate(configured)).as("same token after revocation stays revoked").isEmpty();
        String replacement = "another-bootstrap-token-0123456789abcdefgh";
        keys.bootstrap(replacement, roles, true);
        assertThat(keys.authenticate(replacement)).isPresent();
        assertThat(keys.authenticate(configured)).isEmpty();
        assertThatThrownBy(() -> keys.bootstrap("too-short", roles, true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_pepper_matters_a_table_copied_to_another_pepper_authenticates_nobody() {
        ApiKeys.Issued issued = create(Role.OPS);
        byte[] otherPepper = new byte[32];
        Arrays.fill(otherPepper, (byte) 7);
        ApiKeys elsewhere = new ApiKeys(store, new ApiKeyHasher(otherPepper), audit, clock);
        assertThat(elsewhere.authenticate(issued.token())).isEmpty();
    }
}
