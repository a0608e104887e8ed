package com.acme.payouts.messaging;

import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.RedriveRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Looks at and redrives the flows' dead-letter queues. A redrive sends the message's original body,
 * and nothing else, back to its source queue, where the normal path processes it: that path can
 * never pay a payout twice (ADR 0001), so redriving the same message twice is harmless. Each redrive
 * is appended to the audit before the message leaves the dead-letter queue.
 */
public class DeadLetterOperations {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOperations.class);
    /** While a redrive handles a message, other receivers don't see it. */
    private static final int REDRIVE_VISIBILITY_SECONDS = 30;
    private static final int MAX_REDRIVE_ALL = 1000;

    /** A flow: its source queue and its dead-letter queue. */
    public record Flow(String source, String deadLetterQueue) {}

    /** A message on a dead-letter queue, with the reason attributes our routes put on it. */
    public record DeadLetter(
            String messageId, String queue, String reason, String route, String failedAt, Instant sentAt, int receiveCount,
            String body) {}

    private final SqsClient sqs;
    private final Map<String, Flow> flows;
    private final RedriveAuditStore audit;
    private final Clock clock;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    /** @param flows by the name the API uses (the source queue's logical name) */
    public DeadLetterOperations(SqsClient sqs, Map<String, Flow> flows, RedriveAuditStore audit, Clock clock) {
        this.sqs = sqs;
        this.flows = Map.copyOf(flows);
        this.audit = audit;
        this.clock = clock;
    }

    public boolean knows(String flow) {
        return flows.containsKey(flow);
    }

    /** Up to {@code limit} messages of the flow's dead-letter queue; they stay there. */
    public List<DeadLetter> list(String flow, int limit) {
        String dlq = flow(flow).deadLetterQueue();
        Map<String, Message> seen = new LinkedHashMap<>();
        int emptyRounds = 0;
        // A receive returns a sample of the queue: keep going until two rounds bring nothing new.
        while (emptyRounds < 2 && seen.size() < limit) {
            List<Message> batch = receive(dlq, 0);
            int before = seen.size();
            batch.forEach(m -> seen.putIfAbsent(m.messageId(), m));
            emptyRounds = seen.size() == before ? emptyRounds + 1 : 0;
        }
        return seen.values().stream().limit(limit).map(m -> deadLetter(dlq, m)).toList();
    }

    /** Redrives one message; empty if the flow's dead-letter queue has no message with this id. */
    public Optional<RedriveRecord> redriveOne(String flow, String messageId, String who) {
        Flow f = flow(flow);
        List<Message> putBack = new ArrayList<>();
        try {
            for (int round = 0; round < 50; round++) {
                List<Message> batch = receive(f.deadLetterQueue(), REDRIVE_VISIBILITY_SECONDS);
                if (batch.isEmpty()) {
                    return Optional.empty();
                }
                for (Message m : batch) {
                    if (m.messageId().equals(messageId)) {
                        return Optional.of(redrive(flow, f, m, who));
                    }
                    putBack.add(m);
                }
            }
            return Optional.empty();
        } finally {
            // Messages looked at on the way are visible again at once.
            for (Message m : putBack) {
                sqs.changeMessageVisibility(b -> b.queueUrl(url(f.deadLetterQueue())).receiptHandle(m.receiptHandle())
                        .visibilityTimeout(0));
            }
        }
    }

    /**
     * Redrives every message the flow's dead-letter queue held when the redrive began (at most
     * {@value #MAX_REDRIVE_ALL}). A message that fails again meanwhile comes back as a new dead letter;
     * it is left for the next redrive, so a message that can never succeed cannot make this loop.
     */
    public List<RedriveRecord> redriveAll(String flow, String who) {
        Flow f = flow(flow);
        long started = clock.millis();
        List<RedriveRecord> done = new ArrayList<>();
        List<Message> later = new ArrayList<>();
        try {
            while (done.size() < MAX_REDRIVE_ALL) {
                List<Message> batch = receive(f.deadLetterQueue(), REDRIVE_VISIBILITY_SECONDS);
                if (batch.isEmpty()) {
                    break;
                }
                for (Message m : batch) {
                    String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
                    if (sent != null && Long.parseLong(sent) > started) {
                        later.add(m);
                    } else {
                        done.add(redrive(flow, f, m, who));
                    }
                }
            }
        } finally {
            for (Message m : later) {
                sqs.changeMessageVisibility(b -> b.queueUrl(url(f.deadLetterQueue())).receiptHandle(m.receiptHandle())
                        .visibilityTimeout(0));
            }
        }
        return done;
    }

    private RedriveRecord redrive(String flow, Flow f, Message m, String who) {
        String newId = sqs.sendMessage(b -> b.queueUrl(url(f.source())).messageBody(m.body())).messageId();
        RedriveRecord record = new RedriveRecord("rd-" + UUID.randomUUID(), clock.instant(), who, flow, m.messageId(), newId,
                attribute(m, DeadLetters.REASON), RedriveRecord.REDRIVEN);
        // Audited before it leaves the dead-letter queue: a crash in between redrives it twice, which
        // the normal path tolerates, but never redrives it unrecorded.
        audit.append(record);
        sqs.deleteMessage(b -> b.queueUrl(url(f.deadLetterQueue())).receiptHandle(m.receiptHandle()));
        LOG.info("redrove dead letter {} from {} to {} as {} (by {})", m.messageId(), f.deadLetterQueue(), f.source(), newId, who);
        return record;
    }

    private List<Message> receive(String queue, int visibilitySeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(url(queue))
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(visibilitySeconds)
                        .waitTimeSeconds(0)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
    }

    private static DeadLetter deadLetter(String queue, Message m) {
        String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String received = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new DeadLetter(
                m.messageId(),
                queue,
                attribute(m, DeadLetters.REASON),
                attribute(m, DeadLetters.ROUTE),
                attribute(m, DeadLetters.FAILED_AT),
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
                received == null ? 0 : Integer.parseInt(received),
                m.body());
    }

    private static String attribute(Message m, String name) {
        MessageAttributeValue v = m.messageAttributes().get(name);
        return v == null ? null : v.stringValue();
    }

    private Flow flow(String flow) {
        Flow f = flows.get(flow);
        if (f == null) {
            throw new IllegalArgumentException("no flow " + flow);
        }
        return f;
    }

    private String url(String queue) {
        return urls.computeIfAbsent(queue, q -> sqs.getQueueUrl(r -> r.queueName(q)).queueUrl());
    }
}
