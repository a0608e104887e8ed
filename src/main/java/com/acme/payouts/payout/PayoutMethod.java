package com.acme.payouts.payout;

/** How the money travels: NPP (Osko, real time) or Direct Entry (BECS batches). */
public enum PayoutMethod {
    NPP,
    DE
}
