package com.acme.payouts.funding;

import java.math.BigDecimal;
import java.time.Instant;

/** The money set aside for one payout (at most one reservation per payout). */
public record Reservation(String payoutId, BigDecimal amount, ReservationState state, Instant createdAt, Instant updatedAt) {}
