package com.acme.payouts.messaging;

import com.acme.payouts.config.PayoutsProperties;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Function0;

/**
 * ElasticMQ inside this JVM: the SQS of the embedded default, reached through the same
 * {@code aws2-sqs} endpoints and SDK client as real SQS.
 *
 * <p>Messages are persisted in an H2 file under the data directory so that a queued payout request
 * or webhook survives a crash of the process, as it would in SQS. Every queue gets its dead-letter
 * queue and redrive policy here, the way the infrastructure template declares them in AWS.
 */
public final class EmbeddedSqsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqsServer.class);

    private final int port;
    private final Function0<?> shutdown;

    private EmbeddedSqsServer(int port, Function0<?> shutdown) {
        this.port = port;
        this.shutdown = shutdown;
    }

    public static EmbeddedSqsServer start(int port, Path dataDir, PayoutsProperties.Queues queues, String region) {
        Path dir = dataDir.resolve("queues");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Config config = ConfigFactory.parseString(hocon(port, dir, queues, region))
                .withFallback(ConfigFactory.load());
        Function0<?> stop = new ElasticMQServer(new ElasticMQServerConfig(config)).start();
        LOG.info("embedded SQS (ElasticMQ) listening on http://localhost:{}, messages kept in {}", port, dir);
        return new EmbeddedSqsServer(port, stop);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        shutdown.apply();
    }

    private static String hocon(int port, Path dir, PayoutsProperties.Queues q, String region) {
        StringBuilder queues = new StringBuilder();
        for (List<String> pair : List.of(
                List.of(q.payoutRequests(), q.payoutRequestsDlq()),
                List.of(q.payoutSubmissions(), q.payoutSubmissionsDlq()),
                List.of(q.webhooks(), q.webhooksDlq()))) {
            queues.append(quote(pair.get(0)))
                    .append(" { defaultVisibilityTimeout = ")
                    .append(q.visibilityTimeoutSeconds())
                    .append(" seconds, deadLettersQueue { name = ")
                    .append(quote(pair.get(1)))
                    .append(", maxReceiveCount = ")
                    .append(q.maxReceiveCount())
                    .append(" } }\n");
            queues.append(quote(pair.get(1))).append(" { }\n");
        }
        String h2 = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("elasticmq").toString().replace('\\', '/')
                // Flush each write at once: a message should survive a crash as soon as SQS said OK.
                + ";WRITE_DELAY=0";
        return """
                node-address { protocol = "http", host = "localhost", port = %d, context-path = "" }
                rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
                generate-node-address = false
                queues { %s }
                queues-storage { enabled = false }
                messages-storage { enabled = true, driver-class = "org.h2.Driver", uri = %s, username = "", password = "", prune-data-on-init = false }
                aws { region = %s, accountId = "000000000000" }
                """
                .formatted(port, port, queues, quote(h2), quote(region));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "") + "\"";
    }
}
