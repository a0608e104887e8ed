package com.acme.payouts.messaging;

import com.acme.payouts.support.Redaction;
import com.acme.payouts.support.RequestRejectedException;
import com.acme.payouts.support.TerminalMessageException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a failed queue message for its flow's dead-letter queue: the original body untouched (so
 * a redrive replays exactly what arrived) and the reason in message attributes. Only our own
 * attributes are sent; anything else the message carried stays behind.
 */
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    /** Exchange property naming the dead-letter queue of the flow that consumed the message. */
    public static final String QUEUE_PROPERTY = "deadLetterQueue";

    public static final String REASON = "deadLetterReason";
    public static final String ROUTE = "deadLetterRoute";
    public static final String FAILED_AT = "deadLetterFailedAt";

    private final Clock clock;

    public DeadLetters(Clock clock) {
        this.clock = clock;
    }

    public void prepare(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = reason(cause);
        String route = exchange.getFromRouteId();
        Message message = exchange.getMessage();
        MessageHeaders.keepOnlyCamel(message);
        message.setHeader(REASON, reason);
        message.setHeader(ROUTE, route);
        message.setHeader(FAILED_AT, clock.instant().toString());
        LOG.warn("dead-lettering message from route {} to {}: {}", route,
                exchange.getProperty(QUEUE_PROPERTY, String.class), reason);
    }

    static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        if (cause instanceof RequestRejectedException rejected) {
            return rejected.summary();
        }
        if (cause instanceof TerminalMessageException) {
            return cause.getMessage();
        }
        // Messages of exceptions we didn't write may quote input: scrub them and keep them short.
        return cause.getClass().getSimpleName() + ": " + Redaction.scrub(String.valueOf(cause.getMessage()));
    }
}
