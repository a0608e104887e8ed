package com.acme.payouts.monoova;

import com.acme.payouts.monoova.wire.ExecuteResponse;
import com.acme.payouts.monoova.wire.StatusResponse;
import com.acme.payouts.support.Redaction;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * The one place that decides what a Monoova answer means. Its rule, from the spec and DIGEST §1.4:
 * only {@code Ok} (any case) or NPP {@code Pending} on HTTP 200 is acceptance; only HTTP 400 with
 * Monoova's envelope and a non-duplicate code is a refusal; everything else (5xx, timeouts, resets,
 * unparseable bodies, a reused reference) is UNKNOWN, because money may have moved.
 */
public class MonoovaClassifier {

    private final ObjectMapper json;
    private final Set<String> duplicateReferenceCodes;
    private final Set<String> notFoundCodes;
    private final Set<String> insufficientFundsCodes;

    public MonoovaClassifier(ObjectMapper json, Set<String> duplicateReferenceCodes, Set<String> notFoundCodes) {
        this(json, duplicateReferenceCodes, notFoundCodes, Set.of());
    }

    /** @param insufficientFundsCodes execute refusals that mean "not enough funds": the payout waits for funds */
    public MonoovaClassifier(
            ObjectMapper json, Set<String> duplicateReferenceCodes, Set<String> notFoundCodes, Set<String> insufficientFundsCodes) {
        this.json = json;
        this.duplicateReferenceCodes = Set.copyOf(duplicateReferenceCodes);
        this.notFoundCodes = Set.copyOf(notFoundCodes);
        this.insufficientFundsCodes = Set.copyOf(insufficientFundsCodes);
    }

    /** An execute call that returned HTTP 200 with {@code body}. */
    public ExecuteOutcome executeAnswered(String body) {
        ExecuteResponse response = parse(body, ExecuteResponse.class);
        if (response == null || response.status() == null) {
            return new ExecuteOutcome.Unknown("HTTP 200 without a Monoova envelope");
        }
        if ("Ok".equalsIgnoreCase(response.status()) || "Pending".equalsIgnoreCase(response.status())) {
            return new ExecuteOutcome.Accepted(response.transactionId(), response.status());
        }
        return new ExecuteOutcome.Unknown("HTTP 200 with status " + Redaction.scrub(response.status()));
    }

    /**
     * An execute call that did not return HTTP 200.
     *
     * @param httpStatus the HTTP status, or null when no response arrived (timeout, reset, refused)
     */
    public ExecuteOutcome executeFailed(Integer httpStatus, String body, Throwable cause) {
        if (httpStatus == null) {
            return new ExecuteOutcome.Unknown("no response from Monoova: " + describe(cause));
        }
        if (httpStatus == 400) {
            ExecuteResponse response = parse(body, ExecuteResponse.class);
            if (response != null && response.status() != null && !"Ok".equalsIgnoreCase(response.status())) {
                if (duplicateReferenceCodes.contains(response.status())) {
                    return new ExecuteOutcome.Unknown("Monoova reports the reference as already used ("
                            + response.status() + ")");
                }
                if (insufficientFundsCodes.contains(response.status())) {
                    return new ExecuteOutcome.FundsShort(response.status());
                }
                return new ExecuteOutcome.Rejected(
                        response.status(), Redaction.scrub(response.statusDescription()));
            }
            return new ExecuteOutcome.Unknown("HTTP 400 without a Monoova envelope");
        }
        return new ExecuteOutcome.Unknown("HTTP " + httpStatus + " from Monoova");
    }

    /** A status lookup that returned HTTP 200. */
    public StatusOutcome statusAnswered(String body) {
        StatusResponse response = parse(body, StatusResponse.class);
        if (response == null || response.transactionStatus() == null) {
            return new StatusOutcome.Unknown("status answer without transactionStatus");
        }
        return switch (response.transactionStatus()) {
            case "Complete" -> new StatusOutcome.Completed(response.completedDate());
            case "Rejected" -> new StatusOutcome.Rejected(Redaction.scrub(response.statusDescription()));
            case "Dishonoured" -> new StatusOutcome.Dishonoured(response.dishonouredDate());
            case "Pending", "WaitingOnClearedFunds" -> new StatusOutcome.Pending(response.transactionStatus());
            default -> new StatusOutcome.Unknown(
                    "unexpected transactionStatus " + Redaction.scrub(response.transactionStatus()));
        };
    }

    /** A status lookup that did not return HTTP 200. */
    public StatusOutcome statusFailed(Integer httpStatus, String body, Throwable cause) {
        if (httpStatus == null) {
            return new StatusOutcome.Unknown("no response from Monoova: " + describe(cause));
        }
        if (httpStatus == 400) {
            StatusResponse response = parse(body, StatusResponse.class);
            if (response != null && response.status() != null && notFoundCodes.contains(response.status())) {
                return new StatusOutcome.NotFound(response.status());
            }
        }
        return new StatusOutcome.Unknown("HTTP " + httpStatus + " from Monoova status");
    }

    private <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String describe(Throwable cause) {
        return cause == null ? "unknown error" : cause.getClass().getSimpleName();
    }
}
