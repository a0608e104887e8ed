package com.acme.payouts.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration of the sandbox. Floats are read as {@link java.math.BigDecimal}
 * so a request amount like {@code 10.005} keeps its third decimal (a double would hide it), and
 * BigDecimals are written plain so {@code 100.00} never becomes {@code 1E+2}.
 */
final class SandboxJson {

    private SandboxJson() {}

    static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }
}
