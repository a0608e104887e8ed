package com.acme.payouts.store;

import java.util.List;

/** A page of results and the cursor for the next one (null when there is none). */
public record Page<T>(List<T> items, String nextCursor) {}
