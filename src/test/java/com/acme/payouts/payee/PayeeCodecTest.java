package com.acme.payouts.payee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayeeCodecTest {

    private final PayeeCodec codec = new PayeeCodec();

    @Test
    void roundTripsABankAccount() {
        PayeeDestination account = new BankAccountDestination("062-000", "0012345678", "Jane Citizen");
        assertThat(codec.decode(codec.encode(account))).isEqualTo(account);
    }

    @Test
    void roundTripsEveryPayIdType() {
        for (PayIdType type : PayIdType.values()) {
            PayeeDestination payId = new PayIdDestination(type, "value-for-" + type, "Zoë O'Brien");
            assertThat(codec.decode(codec.encode(payId))).isEqualTo(payId);
        }
    }

    @Test
    void writesAVersionedFlatFormatWithWireNames() {
        String json = new String(
                codec.encode(new PayIdDestination(PayIdType.PHONE_NUMBER, "+61-412345678", "Jane Citizen")),
                StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo("{\"v\":1,\"type\":\"PAYID\",\"payIdType\":\"PhoneNumber\",\"payId\":\"+61-412345678\","
                        + "\"accountName\":\"Jane Citizen\"}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json Canary",
                "{\"v\":2,\"type\":\"PAYID\",\"payIdType\":\"Email\",\"payId\":\"canary@x.co\",\"accountName\":\"Canary\"}",
                "{\"v\":1,\"type\":\"PAYID\",\"payIdType\":\"email\",\"payId\":\"canary@x.co\",\"accountName\":\"Canary\"}",
                "{\"v\":1,\"type\":\"PAYID\",\"payIdType\":\"Email\",\"accountName\":\"Canary\"}",
                "{\"v\":1,\"type\":\"BANK_ACCOUNT\",\"bsb\":\"062-000\",\"accountName\":\"Canary\"}",
                "{\"v\":1,\"type\":\"CANARY\",\"accountName\":\"Canary\"}",
                "{\"v\":\"Canary\"}",
                "{\"v\":1,\"type\":\"BANK_ACCOUNT\",\"bsb\":\"062-000\",\"accountNumber\":\"1\",\"accountName\":\"x\",\"canary\":1}",
                "null",
            })
    void refusesAnythingElseWithoutQuotingIt(String json) {
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PayeeCodecException.class)
                .hasNoCause()
                .message()
                .doesNotContainIgnoringCase("canary");
    }
}
