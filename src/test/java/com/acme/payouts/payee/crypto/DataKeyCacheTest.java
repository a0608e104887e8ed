package com.acme.payouts.payee.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.cryptography.materialproviders.IKeyring;

class DataKeyCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** Counts how often the key-encryption key is asked for: each time is one KMS call in AWS. */
    private static final class CountingKeys implements KeyEncryptionKeys {
        final InMemoryKeyEncryptionKeys delegate = new InMemoryKeyEncryptionKeys("k1");
        final AtomicInteger unwraps = new AtomicInteger();

        @Override
        public String currentKeyId() {
            return delegate.currentKeyId();
        }

        @Override
        public IKeyring keyring(String keyId) {
            unwraps.incrementAndGet();
            return delegate.keyring(keyId);
        }
    }

    @Test
    void repeated_opens_of_one_payee_unwrap_its_data_key_once_until_the_entry_expires() {
        CountingKeys keys = new CountingKeys();
        EnvelopePayeeCipher cipher = new EnvelopePayeeCipher(
                keys, Keyrings.newMaterialProviders(), new SecureRandom(), new DataKeyCache(10, Duration.ofMinutes(5), clock));
        SealedPayee sealed = cipher.seal("pe_a", "destination".getBytes(StandardCharsets.UTF_8));
        int afterSeal = keys.unwraps.get();
        for (int i = 0; i < 5; i++) {
            assertThat(new String(cipher.open("pe_a", sealed), StandardCharsets.UTF_8)).isEqualTo("destination");
        }
        assertThat(keys.unwraps.get() - afterSeal).isEqualTo(1);
        clock.advance(Duration.ofMinutes(6));
        cipher.open("pe_a", sealed);
        assertThat(keys.unwraps.get() - afterSeal).isEqualTo(2);
    }

    @Test
    void a_cached_key_still_cannot_open_a_record_moved_to_another_payee() {
        EnvelopePayeeCipher cipher = new EnvelopePayeeCipher(new CountingKeys(), Keyrings.newMaterialProviders(),
                new SecureRandom(), new DataKeyCache(10, Duration.ofMinutes(5), clock));
        SealedPayee sealed = cipher.seal("pe_a", "destination".getBytes(StandardCharsets.UTF_8));
        cipher.open("pe_a", sealed);
        assertThatThrownBy(() -> cipher.open("pe_b", sealed)).isInstanceOf(PayeeCryptoException.class);
    }

    @Test
    void the_cache_is_bounded() {
        DataKeyCache cache = new DataKeyCache(3, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 10; i++) {
            cache.put("k1", new byte[] {(byte) i}, new byte[32]);
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("k1", new byte[] {9})).isNotNull();
        assertThat(cache.get("k1", new byte[] {0})).isNull();
        assertThat(DataKeyCache.disabled().get("k1", new byte[] {9})).isNull();
    }
}
