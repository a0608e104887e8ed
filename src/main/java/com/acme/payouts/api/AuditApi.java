package com.acme.payouts.api;

import com.acme.payouts.audit.AuditEntry;
import com.acme.payouts.audit.AuditLog;
import com.acme.payouts.store.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** The audit trail for operators: entries of one entity, and verification of the whole chain. */
public class AuditApi {

    private final AuditLog audit;
    private final ApiResponses responses;
    private final ObjectMapper json;

    public AuditApi(AuditLog audit, ApiResponses responses, ObjectMapper json) {
        this.audit = audit;
        this.responses = responses;
        this.json = json;
    }

    public void list(Exchange exchange) {
        Map<String, String> query = PayoutApi.queryParameters(exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class));
        String limit = query.get("limit");
        Page<AuditEntry> page = audit.list(query.get("entity"), query.get("cursor"), limit == null ? 50 : Integer.parseInt(limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(this::view).toList());
        body.put("nextCursor", page.nextCursor());
        responses.respond(exchange, 200, body, Map.of());
    }

    public void verify(Exchange exchange) {
        AuditLog.Verification v = audit.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", v.valid());
        body.put("entriesChecked", v.entriesChecked());
        body.put("headSeq", v.headSeq());
        body.put("headHash", v.headHash());
        body.put("firstBrokenSeq", v.firstBrokenSeq());
        body.put("reason", v.reason());
        responses.respond(exchange, 200, body, Map.of());
    }

    private Map<String, Object> view(AuditEntry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("seq", e.seq());
        v.put("at", e.at().toString());
        v.put("actor", Map.of("principal", e.actorId(), "name", e.actorName()));
        v.put("action", e.action());
        v.put("entity", e.entity());
        v.put("before", parse(e.before()));
        v.put("after", parse(e.after()));
        v.put("prevHash", e.prevHash());
        v.put("hash", e.hash());
        return v;
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            // A tampered entry may not even be JSON any more: show it as text, verification says the rest.
            return json.getNodeFactory().textNode(text);
        }
    }
}
