package com.acme.payouts.payee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.acme.payouts.payee.crypto.EnvelopePayeeCipher;
import com.acme.payouts.payee.crypto.InMemoryKeyEncryptionKeys;
import com.acme.payouts.store.embedded.EmbeddedPayeeStore;
import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.RequestRejectedException;
import com.acme.payouts.support.TestDatabase;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vault's lifecycle on the embedded store with real envelope encryption and a scripted BSB directory. */
class PayeeVaultTest {

    private static final Map<String, BsbCheck> BSBS = Map.of(
            "062-000", BsbCheck.open(),
            "082-001", BsbCheck.open(),
            "062-999", BsbCheck.closed("062-000"),
            "033-999", BsbCheck.closed(null));

    private final BsbDirectory directory = bsb -> {
        if (bsb.equals("000-500")) {
            throw new BsbCheckUnavailableException("HTTP 500", null);
        }
        return BSBS.getOrDefault(bsb, BsbCheck.unknown());
    };
    private final EnvelopePayeeCipher cipher = new EnvelopePayeeCipher(new InMemoryKeyEncryptionKeys("kek-vault"));
    private final PayeeVault vault = new PayeeVault(new EmbeddedPayeeStore(TestDatabase.fresh()), cipher,
            new PayeeValidator(), new PayeeCodec(), directory, new PayeeBlindIndex(new byte[32]), Clock.systemUTC());

    private static PayeeInput bank(String bsb, String account, String name) {
        return PayeeInput.forBankAccount(bsb, account, name);
    }

    @Test
    void registering_the_same_account_again_returns_the_existing_payee() {
        PayeeVault.Registration first = vault.register("c-1", bank("062-000", "12345678", "Jane Citizen"));
        PayeeVault.Registration again = vault.register("c-1", bank("062000", "1234 5678", "Jane  Citizen"));
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.payee()).isEqualTo(first.payee());
        assertThat(vault.register("c-2", bank("062-000", "12345678", "Jane Citizen")).created())
                .as("another customer's payee is another payee").isTrue();
        assertThat(vault.list("c-1", 10, null).items()).extracting(Payee::id).containsExactly(first.payee().id());
    }

    @Test
    void the_same_payid_in_other_case_and_spacing_is_the_same_payee() {
        Payee first = vault.register("c-1", PayeeInput.forPayId("Email", "Jane@Example.com", "Jane Citizen")).payee();
        assertThat(vault.register("c-1", PayeeInput.forPayId("Email", " jane@example.COM ", "Jane Citizen")).payee().id())
                .isEqualTo(first.id());
    }

    @Test
    void a_closed_bsb_is_refused_with_the_replacement_and_an_unknown_one_naming_the_field() {
        assertThatThrownBy(() -> vault.register("c-1", bank("062-999", "12345678", "Jane Citizen")))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field, FieldError::code)
                            .containsExactly(tuple("bsb", FieldError.BSB_CLOSED));
                    assertThat(e.errors().get(0).message()).contains("062-000").doesNotContain("12345678");
                });
        assertThatThrownBy(() -> vault.register("c-1", bank("033-999", "12345678", "Jane Citizen")))
                .isInstanceOfSatisfying(RequestRejectedException.class,
                        e -> assertThat(e.errors().get(0).message()).doesNotContainPattern("[0-9]{3}-[0-9]{3}"));
        assertThatThrownBy(() -> vault.register("c-1", bank("999-999", "12345678", "Jane Citizen")))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::code)
                        .containsExactly(tuple("bsb", FieldError.BSB_UNKNOWN)));
    }

    @Test
    void when_the_bsb_check_is_unavailable_nothing_is_stored() {
        assertThatThrownBy(() -> vault.register("c-9", bank("000-500", "12345678", "Jane Citizen")))
                .isInstanceOf(BsbCheckUnavailableException.class);
        assertThat(vault.list("c-9", 10, null).items()).isEmpty();
    }

    @Test
    void a_pay_id_payee_needs_no_bsb_check() {
        PayeeVault vaultWithoutMonoova = new PayeeVault(new EmbeddedPayeeStore(TestDatabase.fresh()), cipher,
                new PayeeValidator(), new PayeeCodec(), bsb -> {
                    throw new AssertionError("no BSB check for a PayID");
                }, new PayeeBlindIndex(new byte[32]), Clock.systemUTC());
        assertThat(vaultWithoutMonoova.register("c-1", PayeeInput.forPayId("ABN", "51 824 753 556", "Acme Pty")).created())
                .isTrue();
    }

    @Test
    void a_change_of_destination_is_a_new_version_and_the_old_version_still_opens_to_the_old_destination() {
        Payee v1 = vault.register("c-1", bank("062-000", "12345678", "Jane Citizen")).payee();
        PayeeVault.Update result = vault.update(v1.id(), bank("082-001", "87654321", "Jane Citizen"));
        assertThat(result).isInstanceOf(PayeeVault.Updated.class);
        Payee v2 = ((PayeeVault.Updated) result).payee();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.masked().accountNumber()).isEqualTo("****4321");
        assertThat(vault.facts(v1.id()).orElseThrow().version()).isEqualTo(2);

        assertThat(vault.open(v1.id(), 1).orElseThrow())
                .isEqualTo(new BankAccountDestination("062-000", "12345678", "Jane Citizen"));
        assertThat(vault.open(v1.id(), 2).orElseThrow())
                .isEqualTo(new BankAccountDestination("082-001", "87654321", "Jane Citizen"));
        // the old destination is free again for this customer; the new one is this payee's
        assertThat(vault.register("c-1", bank("082-001", "87654321", "Jane Citizen")).payee().id()).isEqualTo(v1.id());
    }

    /** Cooling-off starts again when the destination changes: the payout side sees the version's time. */
    @Test
    void a_changed_destination_is_new_since_the_change_for_the_payout_side() {
        com.acme.payouts.support.MutableClock clock =
                new com.acme.payouts.support.MutableClock(java.time.Instant.parse("2026-11-26T00:00:00Z"));
        PayeeVault timed = new PayeeVault(new EmbeddedPayeeStore(TestDatabase.fresh()), cipher,
                new PayeeValidator(), new PayeeCodec(), directory, new PayeeBlindIndex(new byte[32]), clock);
        Payee v1 = timed.register("c-1", bank("062-000", "12345678", "Jane Citizen")).payee();
        assertThat(timed.facts(v1.id()).orElseThrow().destinationSince()).isEqualTo("2026-11-26T00:00:00Z");

        clock.advance(java.time.Duration.ofDays(3));
        timed.update(v1.id(), bank("082-001", "87654321", "Jane Citizen"));
        assertThat(timed.facts(v1.id()).orElseThrow().destinationSince()).isEqualTo("2026-11-29T00:00:00Z");
        assertThat(timed.find(v1.id()).orElseThrow().createdAt()).as("the payee itself is as old as before")
                .isEqualTo("2026-11-26T00:00:00Z");
    }

    @Test
    void a_new_name_is_a_new_version_too_but_the_same_destination_changes_nothing() {
        Payee v1 = vault.register("c-1", bank("062-000", "12345678", "Jane Citizen")).payee();
        assertThat(vault.update(v1.id(), bank("062000", "12345678", "Jane  Citizen")))
                .isEqualTo(new PayeeVault.Unchanged(v1));
        assertThat(vault.update(v1.id(), bank("062-000", "12345678", "Jane Q Citizen")))
                .isInstanceOfSatisfying(PayeeVault.Updated.class, u -> assertThat(u.payee().version()).isEqualTo(2));
    }

    @Test
    void changing_to_another_payees_destination_is_refused_and_an_update_is_validated_like_a_registration() {
        Payee a = vault.register("c-1", bank("062-000", "11111111", "Jane Citizen")).payee();
        Payee b = vault.register("c-1", bank("062-000", "22222222", "Jane Citizen")).payee();
        assertThat(vault.update(b.id(), bank("062-000", "11111111", "Jane Citizen")))
                .isEqualTo(new PayeeVault.DuplicateDestination(a.id()));
        assertThatThrownBy(() -> vault.update(b.id(), bank("062-999", "33333333", "Jane Citizen")))
                .isInstanceOf(RequestRejectedException.class);
        assertThatThrownBy(() -> vault.update(b.id(), bank("062-000", "12a", "Jane Citizen")))
                .isInstanceOf(RequestRejectedException.class);
        assertThat(vault.update("pe_aaaaaaaaaaaaaaaaaaaaaaaaaa", bank("062-000", "33333333", "Jane Citizen")))
                .isInstanceOf(PayeeVault.UpdateNotFound.class);
    }

    @Test
    void a_deleted_payee_can_not_be_opened_in_any_version() {
        Payee v1 = vault.register("c-1", bank("062-000", "12345678", "Jane Citizen")).payee();
        vault.update(v1.id(), bank("062-000", "12345679", "Jane Citizen"));
        assertThat(vault.delete(v1.id())).isTrue();
        assertThat(vault.find(v1.id())).isEmpty();
        assertThat(vault.facts(v1.id())).isEmpty();
        assertThat(vault.open(v1.id(), 1)).isEmpty();
        assertThat(vault.open(v1.id(), 2)).isEmpty();
        assertThat(vault.delete(v1.id())).isFalse();
        assertThat(vault.register("c-1", bank("062-000", "12345679", "Jane Citizen")).created())
                .as("registering it again makes a new payee").isTrue();
    }
}
