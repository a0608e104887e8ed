package com.acme.payouts.payout;

import java.time.Instant;

/** One recorded status change; {@code detail} never carries payee data. */
public record Transition(PayoutStatus from, PayoutStatus to, PayoutEvent event, Instant at, String detail) {}
