package com.acme.payouts.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The application's SQS queues as a test sees them, through the application's own {@link SqsClient}.
 *
 * <p>Reading a main queue counts as a receive, and after {@code max-receive-count} receives SQS moves
 * the message to the dead-letter queue; so main queues are only counted, or peeked once. Dead-letter
 * queues have no redrive policy and can be peeked as often as needed.
 */
public final class Queues {

    public static final String PAYOUT_REQUESTS = "payout-requests";
    public static final String PAYOUT_REQUESTS_DLQ = "payout-requests-dlq";
    public static final String PAYOUT_SUBMISSIONS = "payout-submissions";
    public static final String PAYOUT_SUBMISSIONS_DLQ = "payout-submissions-dlq";
    public static final String WEBHOOKS = "monoova-webhooks";
    public static final String WEBHOOKS_DLQ = "monoova-webhooks-dlq";
    public static final List<String> ALL =
            List.of(PAYOUT_REQUESTS, PAYOUT_REQUESTS_DLQ, PAYOUT_SUBMISSIONS, PAYOUT_SUBMISSIONS_DLQ, WEBHOOKS, WEBHOOKS_DLQ);

    private final SqsClient sqs;
    private final Map<String, String> urls = new java.util.concurrent.ConcurrentHashMap<>();

    public Queues(SqsClient sqs) {
        this.sqs = sqs;
    }

    public String url(String queue) {
        return urls.computeIfAbsent(queue, q -> sqs.getQueueUrl(r -> r.queueName(q)).queueUrl());
    }

    public String send(String queue, String body) {
        return sqs.sendMessage(r -> r.queueUrl(url(queue)).messageBody(body)).messageId();
    }

    /** Visible plus in-flight messages (SQS's approximate counts; ElasticMQ's are exact). */
    public int depth(String queue) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url(queue))
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return a.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** Waits until nothing is waiting on or being processed from {@code queue}. */
    public void awaitDrained(String queue, Duration timeout) {
        Awaitility.await(queue + " drained")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> depth(queue) == 0);
    }

    /**
     * Every message currently visible on {@code queue}, with all message attributes. The messages
     * stay on the queue (visibility timeout 0); see the class comment before using it on a main queue.
     */
    public List<Message> peek(String queue) {
        Map<String, Message> seen = new LinkedHashMap<>();
        int emptyRounds = 0;
        // Receives return a sample of the queue; keep going until two rounds bring nothing new.
        while (emptyRounds < 2) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url(queue))
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(0)
                            .waitTimeSeconds(0)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            int before = seen.size();
            // Keep the latest copy: a receive invalidates the receipt handles of earlier ones.
            batch.forEach(m -> seen.put(m.messageId(), m));
            emptyRounds = seen.size() == before ? emptyRounds + 1 : 0;
        }
        return new ArrayList<>(seen.values());
    }

    /** Waits for a message on {@code queue} that matches, and returns it (it stays on the queue). */
    public Message awaitMessage(String queue, Predicate<Message> matching, Duration timeout) {
        Message[] found = new Message[1];
        Awaitility.await("a matching message on " + queue)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Optional<Message> m = peek(queue).stream().filter(matching).findFirst();
                    m.ifPresent(x -> found[0] = x);
                    return m.isPresent();
                });
        return found[0];
    }

    public List<Message> matching(String queue, Predicate<Message> matching) {
        return peek(queue).stream().filter(matching).toList();
    }

    /** Deletes a message returned by the latest {@link #peek} or {@link #awaitMessage} of this queue. */
    public void delete(String queue, Message message) {
        sqs.deleteMessage(r -> r.queueUrl(url(queue)).receiptHandle(message.receiptHandle()));
    }

    public static String attribute(Message m, String name) {
        MessageAttributeValue v = m.messageAttributes().get(name);
        return v == null ? null : v.stringValue();
    }
}
