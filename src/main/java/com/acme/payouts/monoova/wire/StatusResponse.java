package com.acme.payouts.monoova.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code GET /financial/v2/status/{uniqueReference}} ({@code GatewayTransactionStatusResponse_v2}).
 * Note the spec's examples use {@code statusDescription} to describe the transaction, not the call.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusResponse(
        Long durationMs,
        String status,
        String statusDescription,
        String transactionStatus,
        String uniqueReference,
        String completedDate,
        String dishonouredDate) {}
