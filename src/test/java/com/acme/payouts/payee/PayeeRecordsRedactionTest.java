package com.acme.payouts.payee;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payee.crypto.SealedPayee;
import com.acme.payouts.store.StoredPayee;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Records that carry payee data print only masked values (they end up in logs and exception messages). */
class PayeeRecordsRedactionTest {

    private static final String BSB = "083-170";
    private static final String ACCOUNT = "987654321";
    private static final String NAME = "Robert Example";
    private static final String EMAIL = "robert.example@example.com";

    @Test
    void a_payee_and_its_stored_form_show_masked_values_and_byte_counts_only() {
        BankAccountDestination account = new BankAccountDestination(BSB, ACCOUNT, NAME);
        Payee payee = new Payee("pe_aaaaaaaaaaaaaaaaaaaaaaaaaa", "c-1", PayeeType.BANK_ACCOUNT, account.masked(), true,
                Instant.parse("2026-11-26T00:00:00Z"), 3);
        StoredPayee stored = new StoredPayee(payee, new SealedPayee("kek-1", new byte[] {1, 2}, ACCOUNT.getBytes()));
        for (String text : new String[] {account.toString(), payee.toString(), stored.toString(),
                new PayeeVault.Registration(payee, false).toString(), new PayeeVault.Updated(payee).toString()}) {
            assertThat(text).doesNotContain(ACCOUNT, NAME, "Robert", "Example", BSB, "083170", "654321", "[49, 56");
        }
        assertThat(payee.toString()).contains("****4321", "version=3");
    }

    @Test
    void a_payid_payee_and_the_raw_input_show_nothing_identifying() {
        PayIdDestination payId = new PayIdDestination(PayIdType.EMAIL, EMAIL, NAME);
        PayeeInput input = PayeeInput.forPayId("Email", EMAIL, NAME);
        for (String text : new String[] {payId.toString(), payId.masked().toString(), input.toString()}) {
            assertThat(text).doesNotContain(EMAIL, "robert.example", NAME, "Robert");
        }
    }
}
