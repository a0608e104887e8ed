package com.acme.payouts.store;

import com.acme.payouts.payout.PayoutStatus;

/**
 * A filter and page request for listing payouts.
 *
 * @param cursor opaque position returned by the previous page, or null for the first page
 */
public record PayoutQuery(PayoutStatus status, String customerId, int limit, String cursor) {}
