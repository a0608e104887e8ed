package com.acme.payouts.config;

import com.acme.payouts.messaging.EmbeddedSqsServer;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client every {@code aws2-sqs} endpoint uses (autowired by type), and on the embedded
 * default the ElasticMQ server it talks to. The SDK owns retries of SQS calls (its standard retry
 * mode); Camel does not retry them again.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "payouts.sqs.embedded", havingValue = "true")
    EmbeddedSqsServer embeddedSqsServer(PayoutsProperties props) {
        return EmbeddedSqsServer.start(props.sqs().embeddedPort(), props.dataDir(), props.queues(), props.sqs().region());
    }

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(PayoutsProperties props, ObjectProvider<EmbeddedSqsServer> embedded) {
        // Make sure the embedded server (if any) is up before the first call.
        embedded.ifAvailable(server -> {});
        var builder = SqsClient.builder()
                .region(Region.of(props.sqs().region()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        // Longer than the long-poll wait of the consumers.
                        .socketTimeout(Duration.ofSeconds(30))
                        .maxConnections(64))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(40))
                        .build());
        if (props.sqs().embedded()) {
            builder.endpointOverride(URI.create(props.sqs().endpoint()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("embedded", "embedded")));
        } else {
            if (StringUtils.hasText(props.sqs().endpoint())) {
                builder.endpointOverride(URI.create(props.sqs().endpoint()));
            }
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
