package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.namecheck.NameCheck;
import com.acme.payouts.namecheck.NameMatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link NameCheckStore} must do. Run against H2 and DynamoDB. */
public abstract class NameCheckStoreContract {

    protected abstract NameCheckStore store();

    private static final Instant T0 = Instant.parse("2026-11-25T01:02:03.456789Z");

    private static NameCheck check(String payeeId, NameMatch result, Instant at) {
        return new NameCheck(payeeId, "c-1", result, "J*** C******", new BigDecimal("1.1000"), UUID.randomUUID().toString(), at,
                "key:ops", "ops");
    }

    @Test
    void stores_and_reads_the_latest_check_of_a_payee() {
        String payee = "pe_" + UUID.randomUUID();
        assertThat(store().find(payee)).isEmpty();
        NameCheck first = check(payee, NameMatch.CLOSE_MATCH, T0);
        assertThat(store().save(first)).isTrue();
        NameCheck read = store().find(payee).orElseThrow();
        assertThat(read).usingRecursiveComparison().ignoringFields("feeIncGst").isEqualTo(first);
        assertThat(read.feeIncGst()).isEqualByComparingTo("1.10");

        NameCheck later = check(payee, NameMatch.MATCH, T0.plusSeconds(60));
        assertThat(store().save(later)).isTrue();
        assertThat(store().find(payee).orElseThrow().result()).isEqualTo(NameMatch.MATCH);
    }

    @Test
    void an_older_or_same_time_check_never_replaces_a_newer_one() {
        String payee = "pe_" + UUID.randomUUID();
        assertThat(store().save(check(payee, NameMatch.NO_MATCH, T0.plusSeconds(60)))).isTrue();
        assertThat(store().save(check(payee, NameMatch.MATCH, T0))).isFalse();
        assertThat(store().save(check(payee, NameMatch.MATCH, T0.plusSeconds(60)))).isFalse();
        assertThat(store().find(payee).orElseThrow().result()).isEqualTo(NameMatch.NO_MATCH);
    }

    @Test
    void optional_fields_may_be_empty() {
        String payee = "pe_" + UUID.randomUUID();
        NameCheck notFound = new NameCheck(payee, "c-1", NameMatch.PAYID_NOT_FOUND, null, null, null, T0, "key:ops", "ops");
        assertThat(store().save(notFound)).isTrue();
        assertThat(store().find(payee)).contains(notFound);
    }
}
