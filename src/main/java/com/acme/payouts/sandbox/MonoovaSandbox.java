package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process simulator of the Monoova Payments API v5.29 payout surface: execute/validate,
 * status, mAccount financials, subscriptions, signed webhooks and the public key, plus scenario
 * triggers and seeded faults that make the unhappy paths (timeouts, resets, lost or duplicated
 * webhooks, rejections, returns) reproducible in tests.
 *
 * <p>It exists because Monoova's real sandbox offers no way to force payout outcomes (DIGEST §7),
 * and a payout service must be proven against exactly those outcomes. Plain JDK HTTP and Jackson
 * only, so the application can start it in a test or wire it as a bean without dragging in a
 * framework. See docs/sandbox.md.
 */
public final class MonoovaSandbox implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MonoovaSandbox.class.getName());
    private static final int BACKLOG = 1024;
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        /*
         * The JDK server flushes response headers and body as two writes; with Nagle on, the body
         * waits for the client's delayed ACK and every call costs ~40 ms. The JDK reads this flag
         * once, when the first HttpServer of the JVM is created, so set it (unless the operator
         * chose otherwise) before that can happen.
         */
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final SandboxConfig config;
    private final HttpServer server;
    private final WebhookSigner signer;
    private final SandboxOperations operations;
    private final ExecutorService requestExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService webhookSenders;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MonoovaSandbox(
            SandboxConfig config,
            HttpServer server,
            WebhookSigner signer,
            SandboxOperations operations,
            ExecutorService requestExecutor,
            ScheduledThreadPoolExecutor scheduler,
            ExecutorService webhookSenders) {
        this.config = config;
        this.server = server;
        this.signer = signer;
        this.operations = operations;
        this.requestExecutor = requestExecutor;
        this.scheduler = scheduler;
        this.webhookSenders = webhookSenders;
    }

    /** Builds, binds and starts a sandbox; {@code config.port() == 0} picks a free port. */
    public static MonoovaSandbox start(SandboxConfig config) {
        SydneyTime time = new SydneyTime(Clock.systemUTC());
        ObjectMapper mapper = SandboxJson.newMapper();
        WebhookSigner signer = WebhookSigner.shared();
        PayoutBook book = new PayoutBook(config.openingBalance(), time);
        FaultPolicy faults = new FaultPolicy(config.faultSeed(), config.faultRate());

        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads("monoova-sandbox-timer"));
        ExecutorService webhookSenders = Executors.newCachedThreadPool(daemonThreads("monoova-sandbox-webhook"));
        // Cached, not fixed: the timeout scenario parks a request thread for slowResponseDelay
        ExecutorService requestExecutor = Executors.newCachedThreadPool(daemonThreads("monoova-sandbox-http"));
        HttpClient webhookClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.webhookTimeout())
                .executor(webhookSenders)
                .build();

        SubscriptionRegistry subscriptions = new SubscriptionRegistry(time);
        WebhookDispatcher webhooks = new WebhookDispatcher(
                subscriptions, signer, mapper, scheduler, webhookSenders, webhookClient, time, config);
        PayoutLifecycle lifecycle = new PayoutLifecycle(book, webhooks, new WebhookPayloads(time), scheduler, config);
        Receivables receivables = new Receivables(book, webhooks, time, scheduler, config);
        SandboxOperations operations = new SandboxOperations(book, lifecycle, faults, webhooks, receivables);

        Router router = routes(
                new Router(new BasicAuth(config.apiKey()), mapper),
                new PublicEndpoints(signer, time),
                new FinancialEndpoints(
                        new PayoutRequestValidator(config.mAccountNumber()),
                        book,
                        lifecycle,
                        faults,
                        config.slowResponseDelay()),
                new AccountEndpoints(book, config),
                new SubscriptionEndpoints(subscriptions, time, webhooks),
                new ReportEndpoints(book, receivables, time),
                new ControlEndpoints(operations),
                new BsbEndpoints(),
                new VerifyEndpoints(config.slowResponseDelay()));

        HttpServer server;
        try {
            server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), BACKLOG);
        } catch (IOException e) {
            scheduler.shutdownNow();
            webhookSenders.shutdownNow();
            requestExecutor.shutdownNow();
            throw new UncheckedIOException("Could not bind the Monoova sandbox to port " + config.port(), e);
        }
        server.createContext("/", router);
        server.setExecutor(requestExecutor);
        server.start();
        MonoovaSandbox sandbox = new MonoovaSandbox(
                config, server, signer, operations, requestExecutor, scheduler, webhookSenders);
        LOG.log(Level.INFO, "Monoova sandbox listening on {0}", sandbox.baseUri());
        return sandbox;
    }

    private static Router routes(
            Router router,
            PublicEndpoints publicApi,
            FinancialEndpoints financial,
            AccountEndpoints accounts,
            SubscriptionEndpoints subscriptions,
            ReportEndpoints reports,
            ControlEndpoints control,
            BsbEndpoints bsbs,
            VerifyEndpoints verify) {
        return router.route("GET", "/public/v1/ping", false, publicApi::publicPing)
                .route("GET", "/public/v1/certificate/public-key", false, publicApi::publicKey)
                .route("GET", "/tools/v1/ping", true, publicApi::toolsPing)
                .route("GET", "/tools/v1/bsbValidate/{bsbNumber}", true, bsbs::validate)
                .route("POST", "/financial/v2/transaction/execute", true, financial::execute)
                .route("POST", "/financial/v2/transaction/validate", true, financial::validate)
                .route("GET", "/financial/v2/status/{uniqueReference}", true, financial::status)
                .route("GET", "/financial/v2/status/{startDate}/{endDate}", true, financial::statusesBetween)
                .route("GET", "/reports/v1/statement/{date}", true, reports::statement)
                .route("GET", "/receivables/v6/report/{date}", true, reports::receivablesReport)
                .route("GET", "/mAccount/v1/financials/{accountNumber}", true, accounts::financials)
                .route("POST", "/verify/v2/aba/initiate", true, verify::initiate)
                .route("POST", "/subscriptions/v1/create", true, subscriptions::create)
                .route("POST", "/subscriptions/v1/update", true, subscriptions::update)
                .route("GET", "/subscriptions/v1/list", true, subscriptions::list)
                .route("DELETE", "/subscriptions/v1/delete/{id}", true, subscriptions::delete)
                .route("GET", "/subscriptions/v1/report/{date}", true, subscriptions::report)
                .route("POST", "/subscriptions/v2/resend/{WebhookId}", true, subscriptions::resend)
                .route("POST", "/sandbox/v1/transactions/{uniqueReference}/complete", true, control::complete)
                .route("POST", "/sandbox/v1/transactions/{uniqueReference}/reject", true, control::reject)
                .route("POST", "/sandbox/v1/transactions/{uniqueReference}/return", true, control::returnPayment)
                .route("POST", "/sandbox/v1/transactions/{uniqueReference}/dishonour", true, control::dishonour)
                .route("POST", "/sandbox/v1/inbound-credits", true, control::inboundCredit)
                .route("POST", "/sandbox/v1/webhooks/emit", true, control::emit)
                .route("GET", "/sandbox/v1/transactions", true, control::transactions)
                .route("GET", "/sandbox/v1/transactions/{uniqueReference}", true, control::transaction)
                .route("GET", "/sandbox/v1/ledger", true, control::ledger)
                .route("POST", "/sandbox/v1/faults", true, control::faults)
                .route("POST", "/sandbox/v1/funds", true, control::funds)
                .route("GET", "/sandbox/v1/webhooks/deliveries", true, control::deliveries);
    }

    /** Root of the Monoova paths, e.g. {@code http://localhost:PORT}. */
    public URI baseUri() {
        return URI.create("http://localhost:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SandboxConfig config() {
        return config;
    }

    public String apiKey() {
        return config.apiKey();
    }

    /** Exactly what {@code GET /public/v1/certificate/public-key} serves. */
    public String publicKeyHex() {
        return signer.publicKeyHex();
    }

    /** Changes the seeded random faults; the same seed replays the same faults per reference and attempt. */
    public void setFaults(long seed, double rate) {
        operations.setFaults(seed, rate);
    }

    /**
     * Forces a Pending payout to Complete (NPP: with its {@code NppPaymentStatus} webhook).
     *
     * @throws java.util.NoSuchElementException if no payout was executed with this reference
     * @throws IllegalStateException if the payout is not Pending
     */
    public void complete(String uniqueReference) {
        operations.complete(uniqueReference);
    }

    /**
     * Forces a Pending NPP payout to Rejected: the money is credited back and a {@code Rejected}
     * webhook is sent. A blank reason becomes {@code ACCOUNT CLOSED}.
     *
     * @throws java.util.NoSuchElementException if no payout was executed with this reference
     * @throws IllegalStateException if the payout is not a Pending NPP payout
     */
    public void reject(String uniqueReference, String reason) {
        operations.reject(uniqueReference, reason);
    }

    /**
     * Returns a Complete NPP payout: money credited back and an {@code NppReturn} webhook to
     * subscribers. The status endpoint keeps answering {@code Complete}.
     *
     * @throws java.util.NoSuchElementException if no payout was executed with this reference
     * @throws IllegalStateException unless the payout is a Complete, not yet returned NPP payout
     */
    public void returnPayment(String uniqueReference, String reason) {
        operations.returnPayment(uniqueReference, reason);
    }

    /**
     * Dishonours a Complete direct credit: money credited back and a {@code DirectEntryDishonour}
     * webhook ({@code Type: Credit}). The status endpoint keeps answering {@code Complete}.
     *
     * @throws java.util.NoSuchElementException if no payout was executed with this reference
     * @throws IllegalStateException unless the payout is a Complete, not yet dishonoured direct credit
     */
    public void dishonour(String uniqueReference, String reason) {
        operations.dishonour(uniqueReference, reason);
    }

    /**
     * Money paid into the Automatcher (an acquirer's settlement): NPP lands at once, DE in the next batch
     * ({@code deBatchDelay}); the mAccount is credited, the receivables report gets its row and the
     * webhook is sent. A whitelisting rejection is never credited and sends the rejection webhook.
     *
     * @return Monoova's transaction id ({@code D…}/{@code N…}), or the rejection's id
     */
    public String inboundCredit(InboundCredit credit) {
        return operations.inboundCredit(credit).id();
    }

    /** Signs and sends any payload as a webhook of {@code eventName} to its subscribers; returns the Webhookids. */
    public List<Long> emitWebhook(String eventName, Object payload) {
        return operations.emit(eventName, payload);
    }

    /** Tops up availableToDebit (positive, at most 2 decimals). */
    public void credit(BigDecimal amount) {
        operations.credit(amount);
    }

    public Optional<SandboxTransaction> transaction(String uniqueReference) {
        return operations.transaction(uniqueReference);
    }

    /** Every committed payout, in commit order. */
    public List<SandboxTransaction> transactions() {
        return operations.transactions();
    }

    public BigDecimal availableToDebit() {
        return operations.ledger().availableToDebit();
    }

    /** Net payout money out of the mAccount: debits minus rejections and returns credited back. */
    public BigDecimal totalDebited() {
        return operations.ledger().totalDebited();
    }

    /** Execute requests received for this reference, whatever their outcome. */
    public int executeCalls(String uniqueReference) {
        return operations.executeCalls(uniqueReference);
    }

    /** Every webhook delivery attempt so far, in completion order. */
    public List<WebhookDelivery> deliveries() {
        return operations.deliveries();
    }

    /** Stops the HTTP server and every timer; pending lifecycle steps and webhooks are abandoned. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        scheduler.shutdownNow();
        webhookSenders.shutdownNow();
        requestExecutor.shutdownNow();
        awaitQuietly(scheduler);
        awaitQuietly(webhookSenders);
        awaitQuietly(requestExecutor);
        LOG.log(Level.INFO, "Monoova sandbox on port {0} closed", String.valueOf(server.getAddress().getPort()));
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "Sandbox threads still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            // Daemon: a test that forgets close() must not keep the JVM alive
            thread.setDaemon(true);
            return thread;
        };
    }
}
