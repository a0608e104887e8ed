package com.acme.payouts.payout;

/** The fields of a payout request as they arrived (REST body or queue message), already contract-valid. */
public record PayoutRequestFields(String payeeId, String amount, String currency, String method, String reference) {}
