package com.acme.payouts.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.acme.payouts.store.PayoutStore;
import com.acme.payouts.store.PayoutQuery;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.RequestRejectedException;
import com.acme.payouts.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PayoutIntakeTest {

    private static final String BANK = "pe_bankbankbankbankbankbankba";
    private static final String PAYID = "pe_payidpayidpayidpayidpayid";
    private static final String LONG_ACCOUNT = "pe_longlonglonglonglonglongl";

    /** The vault as intake sees it: facts by id, and payees can disappear. */
    private static final class FakeDirectory implements PayeeDirectory {
        final Map<String, PayeeFacts> payees = new HashMap<>();

        @Override
        public Optional<PayeeFacts> facts(String payeeId) {
            return Optional.ofNullable(payees.get(payeeId));
        }
    }

    private final FakeDirectory directory = new FakeDirectory();
    private PayoutStore store;
    private PayoutIntake intake;

    @BeforeEach
    void setUp() {
        store = new EmbeddedPayoutStore(TestDatabase.fresh());
        PayoutService service = new PayoutService(store, Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));
        intake = new PayoutIntake(service, directory);
        directory.payees.put(BANK, new PayeeFacts(BANK, "c-1", "***-*00 ****5678", true, true));
        directory.payees.put(PAYID, new PayeeFacts(PAYID, "c-2", "Email j***@example.com", false, false));
        directory.payees.put(LONG_ACCOUNT, new PayeeFacts(LONG_ACCOUNT, "c-3", "***-*00 ****0123", true, false));
    }

    private static PayoutRequestFields fields(String payeeId, String amount, String method, String reference) {
        return new PayoutRequestFields(payeeId, amount, "AUD", method, reference);
    }

    private RequestRejectedException refused(String key, PayoutRequestFields fields) {
        RequestRejectedException e =
                catchThrowableOfType(RequestRejectedException.class, () -> intake.accept(key, "api", fields));
        assertThat(e).as("request should be refused").isNotNull();
        assertThat(store.list(new PayoutQuery(null, null, 100, null)).items()).as("nothing stored").isEmpty();
        return e;
    }

    @Test
    void a_valid_request_is_stored_received_with_the_payees_facts() {
        PayoutService.CreateResult result = intake.accept("key-00000001", "api", fields(BANK, "125.50", "NPP", "Invoice 42"));

        assertThat(result).isInstanceOf(PayoutService.Created.class);
        Payout stored = store.find(result.payout().id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(PayoutStatus.RECEIVED);
        assertThat(stored.customerId()).isEqualTo("c-1");
        assertThat(stored.payeeMasked()).isEqualTo("***-*00 ****5678");
        assertThat(stored.amount()).isEqualTo(Money.aud("125.50"));
        assertThat(stored.id()).isEqualTo(PayoutIds.fromIdempotencyKey("key-00000001"));
    }

    @Test
    void direct_entry_to_a_payid_is_refused() {
        RequestRejectedException e = refused("key-00000002", fields(PAYID, "10.00", "DE", null));
        assertThat(e.kind()).isEqualTo(RequestRejectedException.Kind.UNPROCESSABLE);
        assertThat(e.errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("method", "de-needs-bank-account"));
    }

    @Test
    void direct_entry_to_a_bank_account_outside_de_limits_is_refused() {
        RequestRejectedException e = refused("key-00000003", fields(LONG_ACCOUNT, "10.00", "DE", null));
        assertThat(e.kind()).isEqualTo(RequestRejectedException.Kind.UNPROCESSABLE);
        assertThat(e.errors()).extracting(FieldError::code).containsExactly("de-ineligible-payee");
    }

    @Test
    void direct_entry_references_are_limited_to_18_de_characters() {
        assertThat(refused("key-00000004", fields(BANK, "10.00", "DE", "Invoice 42 for November")).errors())
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("reference", "de-lodgement-reference"));
        assertThat(refused("key-00000005", fields(BANK, "10.00", "DE", "Rechnung Nr. ü")).errors())
                .extracting(FieldError::code).containsExactly("de-lodgement-reference");

        // exactly 18 characters of the DE set, and no reference at all, are fine
        assertThat(intake.accept("key-00000006", "api", fields(BANK, "10.00", "DE", "INV-2026/11 #42 ok")))
                .isInstanceOf(PayoutService.Created.class);
        assertThat(intake.accept("key-00000007", "api", fields(BANK, "10.00", "DE", null)))
                .isInstanceOf(PayoutService.Created.class);
    }

    @Test
    void npp_references_are_not_held_to_direct_entry_rules() {
        assertThat(intake.accept("key-00000008", "api", fields(BANK, "10.00", "NPP", "Rechnung Nr. ü for November 2026")))
                .isInstanceOf(PayoutService.Created.class);
    }

    @Test
    void an_amount_below_one_cent_is_refused_as_invalid() {
        RequestRejectedException e = refused("key-00000009", fields(BANK, "0.00", "NPP", null));
        assertThat(e.kind()).isEqualTo(RequestRejectedException.Kind.INVALID);
        assertThat(e.errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("amount", "minimum"));
        assertThat(intake.accept("key-00000010", "api", fields(BANK, "0.01", "NPP", null)))
                .isInstanceOf(PayoutService.Created.class);
    }

    @Test
    void an_unknown_payee_is_unprocessable_422_naming_payee_id() {
        RequestRejectedException e = refused("key-00000011", fields("pe_nobodynobodynobodynobodyno", "10.00", "NPP", null));
        assertThat(e.kind()).isEqualTo(RequestRejectedException.Kind.UNPROCESSABLE);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("payeeId");
    }

    @Test
    void a_replay_returns_the_original_even_after_the_payee_is_gone() {
        PayoutRequestFields request = fields(BANK, "42.00", "NPP", "Invoice 7");
        Payout original = intake.accept("key-00000012", "api", request).payout();
        directory.payees.remove(BANK);

        PayoutService.CreateResult replay = intake.accept("key-00000012", "sqs:payout-requests", request);

        assertThat(replay).isInstanceOf(PayoutService.Replayed.class);
        assertThat(replay.payout()).isEqualTo(original);
    }

    @Test
    void the_same_key_with_a_different_body_is_a_conflict_and_changes_nothing() {
        Payout original = intake.accept("key-00000013", "api", fields(BANK, "42.00", "NPP", "Invoice 7")).payout();

        assertThat(intake.accept("key-00000013", "api", fields(BANK, "42.01", "NPP", "Invoice 7")))
                .isInstanceOf(PayoutService.KeyConflict.class);
        assertThat(intake.accept("key-00000013", "api", fields(BANK, "42.00", "DE", "Invoice 7")))
                .isInstanceOf(PayoutService.KeyConflict.class);
        assertThat(intake.accept("key-00000013", "api", fields(BANK, "42.00", "NPP", null)))
                .isInstanceOf(PayoutService.KeyConflict.class);
        assertThat(store.find(original.id())).contains(original);
    }
}
