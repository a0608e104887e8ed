package com.acme.payouts.monoova.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/**
 * The execute answer ({@code DTO.GenericPayment.GenericFinanceResponse_V2}); also parsed from HTTP
 * 400 bodies, which reuse the envelope with {@code transactionId} 0.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecuteResponse(
        Long durationMs,
        String status,
        String statusDescription,
        Long transactionId,
        BigDecimal feeAmountExcludingGst,
        BigDecimal feeAmountGstComponent,
        BigDecimal feeAmountIncludingGst,
        String callerUniqueReference) {}
