package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.payee.MaskedDestination;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeType;
import com.acme.payouts.payee.crypto.EnvelopePayeeCipher;
import com.acme.payouts.payee.crypto.InMemoryKeyEncryptionKeys;
import com.acme.payouts.payee.crypto.PayeeCryptoException;
import com.acme.payouts.payee.crypto.SealedPayee;
import com.acme.payouts.store.PayeeStore.SealedVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PayeeStore} must do; run against H2 and DynamoDB. Sealed records are real envelope encryption
 * (in-memory key-encryption keys), so crypto-shredding and re-wrapping are proved on each store's own bytes.
 */
public abstract class PayeeStoreContract {

    protected abstract PayeeStore store();

    private static final InMemoryKeyEncryptionKeys KEKS = new InMemoryKeyEncryptionKeys("kek-contract");
    private static final EnvelopePayeeCipher CIPHER = new EnvelopePayeeCipher(KEKS);
    private static final MaskedDestination MASKED =
            new MaskedDestination(PayeeType.BANK_ACCOUNT, "***-*00", "****5678", null, null, "J*** C******");

    private static String newId() {
        return "pe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    private static String customer() {
        return "c-" + UUID.randomUUID();
    }

    private static StoredPayee payee(String id, String customerId, int version, String plaintext) {
        return new StoredPayee(
                new Payee(id, customerId, PayeeType.BANK_ACCOUNT, MASKED, true,
                        Instant.parse("2026-11-26T01:02:03.456Z"), version),
                CIPHER.seal(id, plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    private static String open(StoredPayee stored) {
        return new String(CIPHER.open(stored.payee().id(), stored.sealed()), StandardCharsets.UTF_8);
    }

    @Test
    void insert_is_create_only_and_round_trips_every_field_and_byte() {
        String id = newId();
        StoredPayee p = payee(id, customer(), 1, "destination one");
        assertThat(store().insert(p, "bi1_" + id)).isInstanceOf(PayeeStore.Written.class);
        assertThat(store().insert(p, "bi1_other" + id)).isInstanceOf(PayeeStore.IdTaken.class);
        StoredPayee read = store().find(id).orElseThrow();
        assertThat(read.payee()).isEqualTo(p.payee());
        assertThat(read.sealed()).isEqualTo(p.sealed());
        assertThat(store().findVersion(id, 1).orElseThrow().sealed()).isEqualTo(p.sealed());
    }

    @Test
    void an_unknown_payee_is_empty() {
        assertThat(store().find("pe_nothere")).isEmpty();
        assertThat(store().findVersion("pe_nothere", 1)).isEmpty();
    }

    @Test
    void the_same_blind_index_twice_for_a_customer_is_a_duplicate_of_the_first_but_not_for_another_customer() {
        String customer = customer();
        String first = newId();
        assertThat(store().insert(payee(first, customer, 1, "x"), "bi1_same-" + customer)).isInstanceOf(PayeeStore.Written.class);
        PayeeStore.WriteResult second = store().insert(payee(newId(), customer, 1, "x"), "bi1_same-" + customer);
        assertThat(second).isEqualTo(new PayeeStore.Duplicate(first));
        // The index is keyed with the customer (PayeeBlindIndex), so another customer's index differs anyway;
        // what the store guarantees is uniqueness of the index value.
        assertThat(store().insert(payee(newId(), customer(), 1, "x"), "bi1_other-" + customer))
                .isInstanceOf(PayeeStore.Written.class);
    }

    @Test
    void a_new_version_becomes_current_and_the_old_one_stays_readable_by_number() {
        String customer = customer();
        String id = newId();
        store().insert(payee(id, customer, 1, "old destination"), "bi1_v1-" + id);
        StoredPayee v2 = payee(id, customer, 2, "new destination");
        assertThat(store().addVersion(v2, 1, "bi1_v2-" + id)).isInstanceOf(PayeeStore.Written.class);

        assertThat(store().find(id).orElseThrow().payee().version()).isEqualTo(2);
        assertThat(open(store().find(id).orElseThrow())).isEqualTo("new destination");
        assertThat(open(store().findVersion(id, 1).orElseThrow())).isEqualTo("old destination");
        assertThat(open(store().findVersion(id, 2).orElseThrow())).isEqualTo("new destination");
        assertThat(store().findVersion(id, 3)).isEmpty();
        // a second writer who read version 1 loses
        assertThat(store().addVersion(payee(id, customer, 2, "other"), 1, "bi1_v3-" + id))
                .isInstanceOf(PayeeStore.VersionConflict.class);
        // the old index is free again; the new one is taken
        assertThat(store().insert(payee(newId(), customer, 1, "x"), "bi1_v1-" + id)).isInstanceOf(PayeeStore.Written.class);
        assertThat(store().insert(payee(newId(), customer, 1, "x"), "bi1_v2-" + id)).isEqualTo(new PayeeStore.Duplicate(id));
    }

    @Test
    void a_new_version_with_another_payees_index_is_a_duplicate_and_changes_nothing() {
        String customer = customer();
        String a = newId();
        String b = newId();
        store().insert(payee(a, customer, 1, "a"), "bi1_a-" + a);
        store().insert(payee(b, customer, 1, "b"), "bi1_b-" + b);
        assertThat(store().addVersion(payee(b, customer, 2, "a"), 1, "bi1_a-" + a)).isEqualTo(new PayeeStore.Duplicate(a));
        assertThat(store().find(b).orElseThrow().payee().version()).isEqualTo(1);
        assertThat(store().findVersion(b, 2)).isEmpty();
    }

    @Test
    void listing_by_customer_is_newest_first_in_pages_of_current_versions() {
        String customer = customer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = newId();
            ids.add(0, id);
            store().insert(new StoredPayee(
                    new Payee(id, customer, PayeeType.BANK_ACCOUNT, MASKED, true,
                            Instant.parse("2026-11-26T01:02:03Z").plusSeconds(i), 1),
                    CIPHER.seal(id, new byte[] {1})), "bi1_" + id);
        }
        store().addVersion(payee(ids.get(0), customer, 2, "changed"), 1, "bi1_changed-" + ids.get(0));
        store().insert(payee(newId(), customer(), 1, "someone else's"), "bi1_else-" + customer);

        Page<Payee> first = store().listByCustomer(customer, 2, null);
        Page<Payee> second = store().listByCustomer(customer, 2, first.nextCursor());
        Page<Payee> third = store().listByCustomer(customer, 2, second.nextCursor());
        List<String> listed = new ArrayList<>();
        first.items().forEach(p -> listed.add(p.id()));
        second.items().forEach(p -> listed.add(p.id()));
        third.items().forEach(p -> listed.add(p.id()));
        assertThat(listed).containsExactlyElementsOf(ids);
        assertThat(third.nextCursor()).isNull();
        assertThat(first.items().get(0).version()).isEqualTo(2);
        assertThatThrownBy(() -> store().listByCustomer(customer, 2, "not-a-cursor"))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void delete_destroys_every_versions_data_key_so_no_copy_of_the_ciphertext_decrypts_again() {
        String customer = customer();
        String id = newId();
        store().insert(payee(id, customer, 1, "version one"), "bi1_del1-" + id);
        store().addVersion(payee(id, customer, 2, "version two"), 1, "bi1_del2-" + id);
        // What a backup, replica or export would hold: the ciphertexts (and, until now, the wrapped keys).
        SealedPayee copyOfV1 = store().findVersion(id, 1).orElseThrow().sealed();
        SealedPayee copyOfV2 = store().findVersion(id, 2).orElseThrow().sealed();

        assertThat(store().delete(id)).isTrue();

        assertThat(store().find(id)).isEmpty();
        assertThat(store().findVersion(id, 1)).isEmpty();
        assertThat(store().findVersion(id, 2)).isEmpty();
        assertThat(store().delete(id)).as("a repeated delete finds nothing").isFalse();
        // No wrapped data key of this payee is left anywhere in the store...
        List<SealedVersion> everyWrappedKey = store().wrappedNotUnder("no-such-kek", 100_000);
        assertThat(everyWrappedKey).noneMatch(v -> v.payeeId().equals(id));
        // ...so the ciphertext copies can't be opened with any key the store still holds.
        for (SealedPayee copy : List.of(copyOfV1, copyOfV2)) {
            for (SealedVersion remaining : everyWrappedKey) {
                SealedPayee withAnotherKey =
                        new SealedPayee(remaining.sealed().kekId(), remaining.sealed().wrappedDataKey(), copy.ciphertext());
                assertThatThrownBy(() -> CIPHER.open(id, withAnotherKey)).isInstanceOf(PayeeCryptoException.class);
            }
        }
        // and the destination is free for the customer again
        assertThat(store().insert(payee(newId(), customer, 1, "x"), "bi1_del2-" + id)).isInstanceOf(PayeeStore.Written.class);
    }

    @Test
    void rewrap_replaces_only_the_wrapped_key_once_and_never_revives_a_shredded_one() {
        String customer = customer();
        String id = newId();
        store().insert(payee(id, customer, 1, "kept readable"), "bi1_rw-" + id);
        SealedVersion before = store().wrappedNotUnder("no-such-kek", 100_000).stream()
                .filter(v -> v.payeeId().equals(id))
                .findFirst()
                .orElseThrow();
        String newKek = KEKS.rotateToNewKey();
        SealedPayee rewrapped = CIPHER.rewrap(id, before.sealed(), newKek);
        assertThat(rewrapped.ciphertext()).isEqualTo(before.sealed().ciphertext());

        assertThat(store().rewrap(before, rewrapped)).isTrue();
        assertThat(store().rewrap(before, rewrapped)).as("compare-and-set: already replaced").isFalse();
        StoredPayee read = store().find(id).orElseThrow();
        assertThat(read.sealed().kekId()).isEqualTo(newKek);
        assertThat(open(read)).isEqualTo("kept readable");
        assertThat(store().wrappedNotUnder(newKek, 100_000)).noneMatch(v -> v.payeeId().equals(id));
        long[] counts = store().countWrapped(newKek);
        assertThat(counts[0]).isGreaterThanOrEqualTo(counts[1]).isGreaterThanOrEqualTo(1);

        SealedVersion current = new SealedVersion(id, 1, read.sealed());
        store().delete(id);
        assertThat(store().rewrap(current, CIPHER.rewrap(id, read.sealed(), KEKS.currentKeyId())))
                .as("a shredded key is never written back").isFalse();
        assertThat(store().wrappedNotUnder("no-such-kek", 100_000)).noneMatch(v -> v.payeeId().equals(id));
    }
}
