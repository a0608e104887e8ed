package com.acme.payouts.payee.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SealedPayeeTest {

    @Test
    void toStringShowsLengthsOnly() {
        SealedPayee sealed = new SealedPayee("k1", new byte[] {65, 66, 67}, new byte[] {68, 69});
        assertThat(sealed.toString()).isEqualTo("SealedPayee[kekId=k1, wrappedDataKey=3 bytes, ciphertext=2 bytes]");
    }

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] wrapped = {1, 2, 3};
        SealedPayee sealed = new SealedPayee("k1", wrapped, new byte[] {4});
        wrapped[0] = 9;
        sealed.wrappedDataKey()[1] = 9;
        assertThat(sealed.wrappedDataKey()).containsExactly(1, 2, 3);
    }

    @Test
    void equalityIsByContent() {
        assertThat(new SealedPayee("k1", new byte[] {1}, new byte[] {2}))
                .isEqualTo(new SealedPayee("k1", new byte[] {1}, new byte[] {2}))
                .hasSameHashCodeAs(new SealedPayee("k1", new byte[] {1}, new byte[] {2}))
                .isNotEqualTo(new SealedPayee("k1", new byte[] {1}, new byte[] {3}));
    }
}
