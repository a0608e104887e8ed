package com.acme.payouts.support;

/**
 * A queue message that will never succeed as it is (unknown event, a payout that doesn't exist, a
 * contradiction an operator must look at). It is dead-lettered at once with this reason instead of
 * being retried; redriving it later goes through the normal path again.
 */
public class TerminalMessageException extends RuntimeException {

    public TerminalMessageException(String reason) {
        super(reason);
    }
}
