package com.acme.payouts.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeInput;
import com.acme.payouts.payee.PayeeVault;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.NewPayout;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the route tests: the whole application on its embedded default (ElasticMQ, H2, vault) with
 * the real YAML routes, except that the two Monoova calls are woven out for {@link MonoovaStub} and the
 * submission queue's send for {@code mock:submission-queue}, so each test decides when a submission is
 * consumed. Every route test class shares this one configuration, so Spring starts it once per JVM and
 * the routes are advised once, before Camel starts.
 *
 * <p>The sweeper's timer is replaced by {@code direct:sweep} (on its own it would resolve the tests'
 * payouts behind their backs) and the webhook subscription bootstrap is off (nothing here receives
 * webhooks over HTTP).
 */
@CamelSpringBootTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "monoova.bootstrap-subscriptions=false")
@ActiveProfiles("test")
@UseAdviceWith
abstract class RouteTestSupport {

    static final String SUBMISSION_QUEUE = "mock:submission-queue";
    static final String SWEEP = "direct:sweep";
    static final MonoovaStub MONOOVA = new MonoovaStub();

    private static final Path DATA_DIR = dataDir();

    @Autowired
    protected CamelContext camel;

    @Autowired
    protected ProducerTemplate template;

    @Autowired
    protected PayoutService payouts;

    @Autowired
    protected PayeeVault payees;

    @DynamicPropertySource
    static void embeddedDefault(DynamicPropertyRegistry registry) {
        registry.add("payouts.data-dir", DATA_DIR::toString);
    }

    @BeforeEach
    void adviseOnceThenStart() throws Exception {
        if (!camel.isStarted()) {
            AdviceWith.adviceWith(camel, "payout-submit", false,
                    a -> a.weaveById("call-monoova-execute").replace().process(MONOOVA::execute));
            AdviceWith.adviceWith(camel, "payout-resolve", false,
                    a -> a.weaveById("call-monoova-status").replace().process(MONOOVA::status));
            AdviceWith.adviceWith(camel, "enqueue-submission", false,
                    a -> a.weaveById("send-submission").replace().to(SUBMISSION_QUEUE));
            AdviceWith.adviceWith(camel, "payout-sweeper", false, a -> a.replaceFromWith(SWEEP));
            camel.start();
        }
        MockEndpoint.resetMocks(camel);
    }

    /**
     * Runs {@code send} and waits until the consumer of {@code routeId} has finished with one message.
     * The filter is needed: {@code fromRoute} also matches the ProducerTemplate's own exchange when it
     * sends to the route's endpoint (that exchange's from-endpoint is the queue), and that one is done
     * as soon as SQS took the message, before the route has even received it.
     */
    protected void awaitOneMessage(String routeId, ThrowingRunnable send) throws Exception {
        NotifyBuilder done = new NotifyBuilder(camel)
                .fromRoute(routeId)
                .filter(e -> routeId.equals(e.getFromRouteId()))
                .whenDone(1)
                .create();
        try {
            send.run();
            assertThat(done.matches(15, TimeUnit.SECONDS)).as(routeId + " finished with the message").isTrue();
        } finally {
            done.destroy();
        }
    }

    @FunctionalInterface
    protected interface ThrowingRunnable {
        void run() throws Exception;
    }

    protected MockEndpoint submissionQueue() {
        return camel.getEndpoint(SUBMISSION_QUEUE, MockEndpoint.class);
    }

    protected Payee bankPayee() {
        return payees.register("c-routes", PayeeInput.forBankAccount("062-000", "12345678", "Jane Citizen")).payee();
    }

    /** A new payout in RECEIVED, as intake stores it. */
    protected Payout newPayout(Payee payee, String amount) {
        return payouts.create(new NewPayout("route-" + UUID.randomUUID(), "test", payee.customerId(), payee.id(),
                        payee.display(), Money.aud(amount), PayoutMethod.NPP, "Invoice 42"))
                .payout();
    }

    /** A payout moved to {@code status} through the state machine, as the flows would have moved it. */
    protected Payout payoutIn(PayoutStatus status) {
        Payout p = newPayout(bankPayee(), "10.00");
        payouts.claimForSubmission(p.id());
        switch (status) {
            case SUBMITTING -> { }
            case SUBMITTED -> payouts.apply(p.id(), PayoutEvent.MONOOVA_ACCEPTED, "Ok");
            case UNKNOWN -> payouts.apply(p.id(), PayoutEvent.OUTCOME_UNKNOWN, "timeout");
            case COMPLETED -> payouts.apply(p.id(), PayoutEvent.PAYMENT_COMPLETED, "webhook");
            default -> throw new IllegalArgumentException(status.name());
        }
        Payout moved = current(p.id());
        assertThat(moved.status()).isEqualTo(status);
        return moved;
    }

    protected Payout current(String payoutId) {
        return payouts.find(payoutId).orElseThrow();
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory("payouts-route-tests-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
