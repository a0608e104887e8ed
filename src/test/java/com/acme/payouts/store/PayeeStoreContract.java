package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payee.MaskedDestination;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeType;
import com.acme.payouts.payee.crypto.SealedPayee;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link PayeeStore} must do; run against H2 and DynamoDB. */
public abstract class PayeeStoreContract {

    protected abstract PayeeStore store();

    private static StoredPayee payee(String id) {
        return new StoredPayee(
                new Payee(id, "c-1", PayeeType.BANK_ACCOUNT,
                        new MaskedDestination(PayeeType.BANK_ACCOUNT, "***-*00", "****5678", null, null, "J*** C******"),
                        true, Instant.parse("2026-11-26T01:02:03.456Z")),
                new SealedPayee("kek-1", new byte[] {1, 2, 3, (byte) 250}, new byte[] {9, 8, 7, 0, (byte) 255}));
    }

    @Test
    void insert_is_create_only_and_round_trips_every_field_and_byte() {
        String id = "pe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        StoredPayee p = payee(id);
        assertThat(store().insert(p)).isTrue();
        assertThat(store().insert(p)).isFalse();
        StoredPayee read = store().find(id).orElseThrow();
        assertThat(read.payee()).isEqualTo(p.payee());
        assertThat(read.sealed()).isEqualTo(p.sealed());
    }

    @Test
    void an_unknown_payee_is_empty() {
        assertThat(store().find("pe_nothere")).isEmpty();
    }
}
