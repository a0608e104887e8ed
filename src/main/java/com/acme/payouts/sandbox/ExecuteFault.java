package com.acme.payouts.sandbox;

/**
 * How an execute call misbehaves on the wire. The "after commit" faults are the dangerous ones
 * for a client: the money has moved but the client can't tell, so it must reconcile through the
 * status endpoint rather than re-execute blindly.
 */
enum ExecuteFault {
    /** Normal 200 response. */
    NONE(true),
    /** HTTP 500 and nothing is recorded: a retry with the same reference may execute. */
    FAIL_BEFORE_COMMIT(false),
    /** The payout is committed (Pending, money moved) and then HTTP 500 is answered. */
    FAIL_AFTER_COMMIT(true),
    /** The payout is committed and the response is held back for {@code slowResponseDelay}. */
    TIMEOUT_AFTER_COMMIT(true),
    /** The payout is committed and the connection is closed without any response. */
    RESET_AFTER_COMMIT(true);

    private final boolean commits;

    ExecuteFault(boolean commits) {
        this.commits = commits;
    }

    boolean commits() {
        return commits;
    }
}
