package com.acme.payouts.monoova;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.SocketTimeoutException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonoovaClassifierTest {

    private final MonoovaClassifier classifier = new MonoovaClassifier(
            new ObjectMapper(), Set.of("DuplicateUniqueReference"), Set.of("TransactionNotFound"));

    @Test
    void ok_and_pending_are_acceptance_in_any_case() {
        assertThat(classifier.executeAnswered(
                        "{\"durationMs\":18,\"status\":\"Ok\",\"statusDescription\":\"Operation completed successfully\",\"transactionId\":1022,\"callerUniqueReference\":\"r\"}"))
                .isEqualTo(new ExecuteOutcome.Accepted(1022L, "Ok"));
        assertThat(classifier.executeAnswered("{\"status\":\"OK\",\"transactionId\":5}"))
                .isInstanceOf(ExecuteOutcome.Accepted.class);
        assertThat(classifier.executeAnswered("{\"status\":\"Pending\",\"transactionId\":6}"))
                .isEqualTo(new ExecuteOutcome.Accepted(6L, "Pending"));
    }

    @Test
    void http_200_with_another_status_or_no_envelope_is_unknown_never_failed() {
        assertThat(classifier.executeAnswered("{\"status\":\"SomethingElse\"}")).isInstanceOf(ExecuteOutcome.Unknown.class);
        assertThat(classifier.executeAnswered("<html>proxy</html>")).isInstanceOf(ExecuteOutcome.Unknown.class);
        assertThat(classifier.executeAnswered("")).isInstanceOf(ExecuteOutcome.Unknown.class);
    }

    @Test
    void http_400_with_envelope_is_a_refusal_and_its_description_is_scrubbed() {
        ExecuteOutcome outcome = classifier.executeFailed(400,
                "{\"durationMs\":3,\"status\":\"InvalidAccountNumber\",\"statusDescription\":\"account 123456789 is invalid\",\"transactionId\":0}",
                null);
        assertThat(outcome).isInstanceOf(ExecuteOutcome.Rejected.class);
        ExecuteOutcome.Rejected rejected = (ExecuteOutcome.Rejected) outcome;
        assertThat(rejected.code()).isEqualTo("InvalidAccountNumber");
        assertThat(rejected.description()).doesNotContain("123456789");
    }

    @Test
    void a_reused_reference_is_unknown_because_the_payment_may_exist() {
        assertThat(classifier.executeFailed(400, "{\"status\":\"DuplicateUniqueReference\",\"transactionId\":0}", null))
                .isInstanceOf(ExecuteOutcome.Unknown.class);
    }

    @Test
    void server_errors_timeouts_resets_and_bare_400s_are_unknown() {
        assertThat(classifier.executeFailed(500, "", null)).isInstanceOf(ExecuteOutcome.Unknown.class);
        assertThat(classifier.executeFailed(503, "{\"status\":\"Busy\"}", null)).isInstanceOf(ExecuteOutcome.Unknown.class);
        assertThat(classifier.executeFailed(null, null, new SocketTimeoutException("read timed out")))
                .isInstanceOf(ExecuteOutcome.Unknown.class);
        assertThat(classifier.executeFailed(400, "Bad Request", null)).isInstanceOf(ExecuteOutcome.Unknown.class);
        assertThat(classifier.executeFailed(401, "{\"status\":\"Unauthorized\"}", null)).isInstanceOf(ExecuteOutcome.Unknown.class);
    }

    @Test
    void status_answers_map_to_outcomes() {
        assertThat(classifier.statusAnswered("{\"transactionStatus\":\"Complete\",\"completedDate\":\"2020-06-05\"}"))
                .isEqualTo(new StatusOutcome.Completed("2020-06-05"));
        assertThat(classifier.statusAnswered("{\"transactionStatus\":\"Rejected\",\"statusDescription\":\"Transaction rejected by banking institution.\"}"))
                .isEqualTo(new StatusOutcome.Rejected("Transaction rejected by banking institution."));
        assertThat(classifier.statusAnswered("{\"transactionStatus\":\"Pending\"}")).isEqualTo(new StatusOutcome.Pending("Pending"));
        assertThat(classifier.statusAnswered("{\"transactionStatus\":\"WaitingOnClearedFunds\"}")).isInstanceOf(StatusOutcome.Pending.class);
        assertThat(classifier.statusAnswered("{\"transactionStatus\":\"Dishonoured\",\"dishonouredDate\":\"2020-06-05\"}"))
                .isEqualTo(new StatusOutcome.Dishonoured("2020-06-05"));
        assertThat(classifier.statusAnswered("{\"transactionStatus\":\"Weird\"}")).isInstanceOf(StatusOutcome.Unknown.class);
        assertThat(classifier.statusAnswered("{}")).isInstanceOf(StatusOutcome.Unknown.class);
    }

    @Test
    void only_configured_codes_prove_a_reference_was_never_received() {
        assertThat(classifier.statusFailed(400, "{\"status\":\"TransactionNotFound\"}", null))
                .isEqualTo(new StatusOutcome.NotFound("TransactionNotFound"));
        assertThat(classifier.statusFailed(400, "{\"status\":\"SomethingElse\"}", null)).isInstanceOf(StatusOutcome.Unknown.class);
        assertThat(classifier.statusFailed(404, "{\"status\":\"TransactionNotFound\"}", null)).isInstanceOf(StatusOutcome.Unknown.class);
        assertThat(classifier.statusFailed(null, null, new java.io.IOException())).isInstanceOf(StatusOutcome.Unknown.class);
    }

    @Test
    void a_configured_insufficient_funds_code_means_the_payout_waits_for_funds() {
        MonoovaClassifier withFunds = new MonoovaClassifier(new com.fasterxml.jackson.databind.ObjectMapper(),
                java.util.Set.of("DuplicateUniqueReference"), java.util.Set.of("TransactionNotFound"), java.util.Set.of("InsufficientFunds"));
        String body = "{\"durationMs\":3,\"status\":\"InsufficientFunds\",\"statusDescription\":\"low\",\"transactionId\":0}";
        assertThat(withFunds.executeFailed(400, body, null)).isEqualTo(new ExecuteOutcome.FundsShort("InsufficientFunds"));
        assertThat(classifier.executeFailed(400, body, null)).as("not configured: a refusal").isInstanceOf(ExecuteOutcome.Rejected.class);
    }
}
