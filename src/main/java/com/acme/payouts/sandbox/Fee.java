package com.acme.payouts.sandbox;

import java.math.BigDecimal;

/**
 * One fee as Monoova reports it: excluding GST, the GST part, and the total. Fees may carry more
 * than two decimals (the spec shows {@code 0.099}), so they are not forced to scale 2.
 */
record Fee(BigDecimal excludingGst, BigDecimal gstComponent, BigDecimal includingGst) {

    static final Fee NONE = new Fee(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /** Fees of the sandbox's tariff, which copies the values of the spec's own examples. */
    static Fee of(DisbursementMethod method) {
        if (method.isNpp()) {
            return new Fee(new BigDecimal("0.09"), new BigDecimal("0.009"), new BigDecimal("0.099"));
        }
        return new Fee(new BigDecimal("0.05"), new BigDecimal("0.005"), new BigDecimal("0.055"));
    }

    Fee plus(Fee other) {
        return new Fee(
                excludingGst.add(other.excludingGst),
                gstComponent.add(other.gstComponent),
                includingGst.add(other.includingGst));
    }
}
