package com.acme.payouts.payee;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Turns a {@link PayeeDestination} into the bytes that get encrypted, and back.
 *
 * <p>The codec owns its {@link ObjectMapper} rather than borrowing the application's: these bytes live encrypted for
 * years, so their format must not drift when someone retunes JSON settings for the REST API. The format carries a
 * version ({@code v}) so it can evolve without re-encrypting every payee.
 *
 * <p>Failures never carry Jackson's exception as a cause: its messages quote the offending input, which here is
 * decrypted personal data.
 */
public final class PayeeCodec {

    /** The only format written today; decode refuses others rather than guessing. */
    static final int FORMAT_VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** UTF-8 JSON of {@code destination}. */
    public byte[] encode(PayeeDestination destination) {
        Wire wire;
        if (destination instanceof BankAccountDestination account) {
            wire = new Wire(
                    FORMAT_VERSION,
                    PayeeType.BANK_ACCOUNT,
                    account.bsb(),
                    account.accountNumber(),
                    null,
                    null,
                    account.accountName());
        } else {
            PayIdDestination payId = (PayIdDestination) destination;
            wire = new Wire(
                    FORMAT_VERSION,
                    PayeeType.PAYID,
                    null,
                    null,
                    payId.payIdType().wireName(),
                    payId.payId(),
                    payId.accountName());
        }
        try {
            return mapper.writeValueAsBytes(wire);
        } catch (JsonProcessingException e) {
            throw new PayeeCodecException(
                    "could not encode payee destination (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The destination encoded by {@link #encode}; {@link PayeeCodecException} for anything else. */
    public PayeeDestination decode(byte[] bytes) {
        Wire wire;
        try {
            wire = mapper.readValue(bytes, Wire.class);
        } catch (IOException e) {
            throw new PayeeCodecException(
                    "could not decode payee destination (" + e.getClass().getSimpleName() + ")");
        }
        if (wire == null || wire.v() != FORMAT_VERSION || wire.type() == null || wire.accountName() == null) {
            throw new PayeeCodecException("payee destination is not in format version " + FORMAT_VERSION);
        }
        return switch (wire.type()) {
            case BANK_ACCOUNT -> {
                require(
                        wire.bsb() != null && wire.accountNumber() != null,
                        "a bank account needs bsb and accountNumber");
                yield new BankAccountDestination(wire.bsb(), wire.accountNumber(), wire.accountName());
            }
            case PAYID -> {
                PayIdType payIdType = PayIdType.fromWire(wire.payIdType())
                        .orElseThrow(() -> new PayeeCodecException("unknown payIdType in payee destination"));
                require(wire.payId() != null, "a PayID needs payId");
                yield new PayIdDestination(payIdType, wire.payId(), wire.accountName());
            }
        };
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new PayeeCodecException("incomplete payee destination: " + reason);
        }
    }

    /** The stored shape: flat, so adding a field later is a compatible change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Wire(
            int v,
            PayeeType type,
            String bsb,
            String accountNumber,
            String payIdType,
            String payId,
            String accountName) {}
}
