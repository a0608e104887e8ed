package com.acme.payouts.api;

import com.acme.payouts.monoova.MonoovaAdminClient;
import com.acme.payouts.reconciliation.ReconciliationReport;
import com.acme.payouts.reconciliation.ReconciliationReports;
import com.acme.payouts.reconciliation.ReconciliationService;
import com.acme.payouts.support.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The reconciliation operations of the API: run one on demand, read a report (JSON or CSV). */
public class ReconciliationApi {

    private final ReconciliationService reconciliation;
    private final ReconciliationReports reports;
    private final ApiResponses responses;
    private final ObjectMapper json;

    public ReconciliationApi(
            ReconciliationService reconciliation, ReconciliationReports reports, ApiResponses responses, ObjectMapper json) {
        this.reconciliation = reconciliation;
        this.reports = reports;
        this.responses = responses;
        this.json = json;
    }

    public void run(Exchange exchange) throws IOException {
        String body = exchange.getIn().getBody(String.class);
        JsonNode request = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        LocalDate yesterday = reconciliation.yesterday();
        LocalDate start = request.hasNonNull("startDate") ? LocalDate.parse(request.path("startDate").asText()) : yesterday;
        LocalDate end = request.hasNonNull("endDate") ? LocalDate.parse(request.path("endDate").asText()) : start;
        if (end.isBefore(start)) {
            throw ApiProblemException.badRequest("validation-error", "request is invalid",
                    List.of(new FieldError("endDate", "range", "must not be before startDate")));
        }
        if (ChronoUnit.DAYS.between(start, end) >= ReconciliationService.MAX_DAYS) {
            throw ApiProblemException.badRequest("validation-error", "request is invalid",
                    List.of(new FieldError("endDate", "range", "at most " + ReconciliationService.MAX_DAYS + " days per run")));
        }
        ReconciliationReport report;
        try {
            report = reconciliation.run(start, end, DeadLetterApi.who(exchange), null);
        } catch (MonoovaAdminClient.MonoovaCallException e) {
            throw OperationsApi.monoovaUnavailable();
        }
        responses.respond(exchange, 201, report, Map.of("Location", "/v1/reconciliation/runs/" + report.runId()));
    }

    public void get(Exchange exchange) {
        String runId = exchange.getIn().getHeader("runId", String.class);
        byte[] report = reports.json(runId).orElseThrow(() -> ApiProblemException.notFound("no reconciliation run " + runId));
        raw(exchange, report, "application/json");
    }

    public void csv(Exchange exchange) {
        String runId = exchange.getIn().getHeader("runId", String.class);
        byte[] csv = reports.csv(runId).orElseThrow(() -> ApiProblemException.notFound("no reconciliation run " + runId));
        raw(exchange, csv, "text/csv");
    }

    private static void raw(Exchange exchange, byte[] body, String contentType) {
        Message m = exchange.getMessage();
        ApiResponses.clearRequestHeaders(m);
        m.setBody(body);
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader(Exchange.CONTENT_TYPE, contentType);
    }
}
