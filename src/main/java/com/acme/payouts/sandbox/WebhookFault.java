package com.acme.payouts.sandbox;

/** How the final webhook of a payout misbehaves; receivers must cope with each of these. */
enum WebhookFault {
    NONE,
    /** Never sent; the status endpoint still tells the truth. */
    DROP,
    /** Sent twice with the same {@code Webhookid}. */
    DUPLICATE,
    /** Sent {@code webhookDelay} after the payout completed. */
    DELAY,
    /**
     * The receiver is "down": both attempts fail without reaching it (recorded as errors, status
     * {@code Error} in the delivery report); only {@code /subscriptions/v2/resend} delivers it.
     */
    LOST
}
