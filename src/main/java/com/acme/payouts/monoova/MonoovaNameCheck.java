package com.acme.payouts.monoova;

import com.acme.payouts.namecheck.PayIdOwners;
import com.acme.payouts.support.Redaction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /verify/v2/aba/initiate} with {@code creditMethod: NppCreditPayId}: the only spec route to a
 * PayID owner's name ({@code ownerName}, DIGEST §5.3). Each call costs a fee in production, so it is made
 * only on request, never retried here, with its own timeout; answers are classified (owner, not found,
 * refused, unavailable) and nothing about the payee is logged.
 */
public class MonoovaNameCheck implements PayIdOwners {

    private static final Logger LOG = LoggerFactory.getLogger(MonoovaNameCheck.class);

    private final ProducerTemplate template;
    private final MonoovaHttp http;
    private final ObjectMapper json;
    private final String endpoint;
    private final String remitter;
    private final Set<String> notFoundCodes;

    public MonoovaNameCheck(ProducerTemplate template, MonoovaHttp http, ObjectMapper json, String baseUrl,
            long connectMs, long responseMs, String remitter, Set<String> notFoundCodes) {
        this.template = template;
        this.http = http;
        this.json = json;
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = base + "/verify/v2/aba/initiate?connectTimeout=" + connectMs + "&connectionRequestTimeout="
                + connectMs + "&responseTimeout=" + responseMs + "&soTimeout=" + responseMs;
        this.remitter = remitter;
        this.notFoundCodes = Set.copyOf(notFoundCodes);
    }

    @Override
    public Answer ownerOf(String payIdType, String payId, String accountName, String verificationIdentifier) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditMethod", "NppCreditPayId");
        body.put("payId", payId);
        body.put("payIdType", payIdType);
        body.put("accountName", accountName.length() > 32 ? accountName.substring(0, 32) : accountName);
        if (remitter != null && !remitter.isBlank()) {
            body.put("remitter", remitter);
        }
        body.put("verificationIdentifier", verificationIdentifier);
        String request;
        try {
            request = json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("name check request could not be written", e);
        }
        Exchange result = template.request(endpoint, exchange -> {
            exchange.getMessage().setBody(request);
            http.preparePost(exchange);
        });
        Answer answer = classify(result);
        // Neither the request (PayID, name) nor the answer (owner name) stays on the exchange.
        result.getMessage().setBody(null);
        http.after(result);
        LOG.info("name check {}: {}", verificationIdentifier, answer.getClass().getSimpleName());
        return answer;
    }

    Answer classify(Exchange result) {
        Exception failure = result.getException();
        if (failure != null) {
            Integer status = MonoovaHttp.failedStatus(failure);
            if (status == null || status >= 500) {
                return new Unavailable(status == null ? failure.getClass().getSimpleName() : "HTTP " + status);
            }
            JsonNode envelope = parse(MonoovaHttp.failedBody(failure));
            String code = envelope == null ? "" : envelope.path("status").asText("");
            if (status == 400 && !code.isEmpty()) {
                String scrubbed = Redaction.scrub(code);
                return notFoundCodes.contains(code) ? new NotFound(scrubbed) : new Refused(scrubbed);
            }
            return new Unavailable("HTTP " + status);
        }
        JsonNode answer = parse(result.getMessage().getBody(String.class));
        return answer == null ? new Unavailable("answer is not JSON") : fromOk(answer);
    }

    private Answer fromOk(JsonNode answer) {
        if (!"Ok".equalsIgnoreCase(answer.path("status").asText(""))) {
            return new Refused(Redaction.scrub(answer.path("status").asText("")));
        }
        JsonNode owner = answer.get("ownerName");
        JsonNode fee = answer.get("feeAmountIncGst");
        return new Owner(
                owner == null || owner.isNull() ? null : owner.asText(),
                fee == null || !fee.isNumber() ? null : fee.decimalValue(),
                answer.path("token").asText(null));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
