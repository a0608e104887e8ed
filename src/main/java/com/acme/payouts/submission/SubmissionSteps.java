package com.acme.payouts.submission;

import com.acme.payouts.monoova.ExecuteOutcome;
import com.acme.payouts.monoova.MonoovaClassifier;
import com.acme.payouts.monoova.MonoovaHttp;
import com.acme.payouts.monoova.MonoovaRequestMapper;
import com.acme.payouts.payee.PayeeDestination;
import com.acme.payouts.payee.PayeeVault;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.store.StoredPayee;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The steps of the payout-submit route: claim the payout (compare-and-set, so one worker owns the
 * call), enrich it with the decrypted payee, build the execute body, record what Monoova said. The
 * decrypted destination lives only in an exchange property between two steps and in the request body.
 */
public class SubmissionSteps {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionSteps.class);

    public static final String PAYOUT_ID = "payoutId";
    public static final String CLAIMED = "claimed";
    static final String PAYOUT = "payout";
    private static final String DESTINATION = "payeeDestination";

    private final PayoutService payouts;
    private final PayeeVault vault;
    private final MonoovaRequestMapper mapper;
    private final MonoovaClassifier classifier;
    private final OutcomeRecorder recorder;
    private final ObjectMapper json;
    private final MonoovaHttp http;
    private final SendWindow sendWindow;
    private final Clock clock;

    public SubmissionSteps(
            PayoutService payouts,
            PayeeVault vault,
            MonoovaRequestMapper mapper,
            MonoovaClassifier classifier,
            OutcomeRecorder recorder,
            ObjectMapper json,
            MonoovaHttp http,
            SendWindow sendWindow,
            Clock clock) {
        this.payouts = payouts;
        this.vault = vault;
        this.mapper = mapper;
        this.classifier = classifier;
        this.recorder = recorder;
        this.json = json;
        this.http = http;
        this.sendWindow = sendWindow;
        this.clock = clock;
    }

    /** The submission message: which payout, and which submit attempt it is for. */
    public record SubmissionMessage(String payoutId, int attempt) {}

    public String message(String payoutId, int attempt) throws JsonProcessingException {
        return json.writeValueAsString(new SubmissionMessage(payoutId, attempt));
    }

    /** Reads the message; sets the payout id property and returns the idempotency key (id and attempt). */
    public String read(Exchange exchange) throws IOException {
        JsonNode message = json.readTree(exchange.getIn().getBody(String.class));
        String payoutId = message.path("payoutId").asText();
        exchange.setProperty(PAYOUT_ID, payoutId);
        MDC.put(PAYOUT_ID, payoutId);
        return payoutId + ":" + message.path("attempt").asInt(1);
    }

    public void claim(Exchange exchange) {
        String payoutId = exchange.getProperty(PAYOUT_ID, String.class);
        Optional<Payout> claimed = payouts.claimForSubmission(payoutId);
        exchange.setProperty(CLAIMED, claimed.isPresent());
        claimed.ifPresent(p -> exchange.setProperty(PAYOUT, p));
        if (claimed.isEmpty()) {
            LOG.info("payout {} not claimable (already claimed, settled or unknown); skipping", payoutId);
        }
    }

    /**
     * Decrypts the payee the load-payee route found; a payee that is gone ends the payout before any
     * call to Monoova.
     */
    public void enrich(Exchange exchange) {
        Payout payout = exchange.getProperty(PAYOUT, Payout.class);
        StoredPayee stored = exchange.getProperty(PayeeLookup.STORED_PAYEE, StoredPayee.class);
        exchange.removeProperty(PayeeLookup.STORED_PAYEE);
        if (stored == null) {
            payouts.apply(payout.id(), PayoutEvent.SUBMISSION_REFUSED, "payee " + payout.payeeId() + " version " + payout.payeeVersionOrFirst() + " no longer exists (deleted)");
            exchange.setProperty(CLAIMED, false);
            return;
        }
        exchange.setProperty(DESTINATION, vault.open(stored));
    }

    /**
     * The last step before the execute call: a worker that claimed the payout too long ago (see
     * {@link SendWindow}) does not send, because the sweeper may already be resolving the payout on the
     * assumption that no call of ours can still reach Monoova. The payout stays SUBMITTING; the sweeper
     * finds Monoova never saw it and sends it back for submission with the same reference.
     */
    public void checkSendWindow(Exchange exchange) {
        Payout payout = exchange.getProperty(PAYOUT, Payout.class);
        if (!sendWindow.allows(payout.updatedAt(), clock.instant())) {
            LOG.warn("payout {} claimed at {} is past its send window of {}s: not sent, left to the sweeper",
                    payout.id(), payout.updatedAt(), sendWindow.window().toSeconds());
            exchange.setProperty(CLAIMED, false);
            finish(exchange);
        }
    }

    public void buildRequest(Exchange exchange) throws JsonProcessingException {
        Payout payout = exchange.getProperty(PAYOUT, Payout.class);
        PayeeDestination destination = exchange.getProperty(DESTINATION, PayeeDestination.class);
        exchange.removeProperty(DESTINATION);
        exchange.getMessage().setBody(json.writeValueAsString(mapper.toRequest(payout, destination)));
    }

    public void recordAnswer(Exchange exchange) {
        String payoutId = exchange.getProperty(PAYOUT_ID, String.class);
        ExecuteOutcome outcome = classifier.executeAnswered(exchange.getMessage().getBody(String.class));
        http.observe(exchange, "execute", outcome);
        recorder.recordExecute(payoutId, outcome);
        finish(exchange);
    }

    public void recordFailure(Exchange exchange) {
        String payoutId = exchange.getProperty(PAYOUT_ID, String.class);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ExecuteOutcome outcome =
                classifier.executeFailed(MonoovaHttp.failedStatus(caught), MonoovaHttp.failedBody(caught), caught);
        http.observe(exchange, "execute", outcome);
        recorder.recordExecute(payoutId, outcome);
        finish(exchange);
    }

    private void finish(Exchange exchange) {
        // Neither the request (payee details) nor Monoova's answer is kept on the exchange.
        exchange.getMessage().setBody(null);
        exchange.removeProperty(PAYOUT);
        MDC.remove(PAYOUT_ID);
    }
}
