package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ProcessedMessageStore} must do; run against H2 and DynamoDB. */
public abstract class ProcessedMessageStoreContract {

    protected abstract ProcessedMessageStore store();

    @Test
    void add_is_put_if_absent_per_repository() {
        String key = UUID.randomUUID().toString();
        assertThat(store().add("repo-a", key)).isTrue();
        assertThat(store().add("repo-a", key)).isFalse();
        assertThat(store().contains("repo-a", key)).isTrue();
        assertThat(store().contains("repo-b", key)).isFalse();
        assertThat(store().add("repo-b", key)).isTrue();
    }

    @Test
    void remove_and_clear() {
        String key = UUID.randomUUID().toString();
        store().add("repo-c", key);
        store().add("repo-c", key + "-2");
        store().add("repo-d", key);
        assertThat(store().remove("repo-c", key)).isTrue();
        assertThat(store().remove("repo-c", key)).isFalse();
        store().clear("repo-c");
        assertThat(store().contains("repo-c", key + "-2")).isFalse();
        assertThat(store().contains("repo-d", key)).isTrue();
    }
}
