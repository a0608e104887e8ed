package com.acme.payouts.store;

import java.time.Instant;

/**
 * One redrive of one dead-lettered message, as the append-only audit keeps it.
 *
 * @param who the authenticated caller: name and principal id
 *     until authentication supplies the principal
 * @param queue the flow (source queue) the message was sent back to
 * @param messageId the SQS id of the message on the dead-letter queue
 * @param newMessageId the SQS id of the copy sent to the source queue
 * @param reason the dead-letter reason the message carried, if any
 */
public record RedriveRecord(
        String id, Instant at, String who, String queue, String messageId, String newMessageId, String reason, String outcome) {

    public static final String REDRIVEN = "REDRIVEN";
}
