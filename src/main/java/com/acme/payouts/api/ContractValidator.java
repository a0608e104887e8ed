package com.acme.payouts.api;

import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.RequestRejectedException;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * Enforces {@code openapi/payouts-api.yaml} on every request, and its message schemas on queue
 * messages. Camel's built-in check only looks at required parameters, and its validator logs the
 * report (which can quote submitted values) and rebuilds itself per request; this one is built once
 * and turns the report into field errors whose messages never repeat what was sent.
 */
public class ContractValidator {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final Set<String> HEADERS_TO_CHECK = Set.of("idempotency-key", "content-type", "accept", "x-operator");

    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;
    private final OpenAPI api;

    public ContractValidator(String specification) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        this.api = new OpenAPIV3Parser().readContents(specification, null, options).getOpenAPI();
        if (api == null) {
            throw new IllegalStateException("the API contract does not parse");
        }
        // Authentication is the security filter chain's job (from the same contract); here the
        // Authorization header is not even passed in, so its check is off.
        this.validator = OpenApiInteractionValidator.createFor(api)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        this.schemas = new SchemaValidator(api, new MessageResolver());
    }

    public OpenAPI api() {
        return api;
    }

    /** Validates the HTTP request on this exchange; throws with every field problem found. */
    public void validateRequest(Exchange exchange) {
        var in = exchange.getIn();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        String path = in.getHeader(Exchange.HTTP_PATH, String.class);
        if (path == null || path.isEmpty()) {
            path = in.getHeader(Exchange.HTTP_URI, String.class);
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, stripQuery(path));
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null) {
            request.withContentType(contentType);
        }
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        Set<String> queryNames = new java.util.HashSet<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                request.withQueryParam(key, value);
                queryNames.add(key.toLowerCase(Locale.ROOT));
            }
        }
        for (Map.Entry<String, Object> header : in.getHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            // Camel maps query parameters to message headers as well: "?Idempotency-Key=..." is not the header.
            if (HEADERS_TO_CHECK.contains(name) && header.getValue() != null && !queryNames.contains(name)) {
                request.withHeader(header.getKey(), header.getValue().toString());
            }
        }
        if (!"GET".equalsIgnoreCase(method)) {
            String body = in.getBody(String.class);
            if (body != null && !body.isEmpty()) {
                request.withBody(body);
            }
        }
        ValidationReport report = validator.validateRequest(request.build());
        if (!report.hasErrors()) {
            return;
        }
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR && m.getKey().startsWith("validation.request.contentType")) {
                throw ApiProblemException.unsupportedMediaType("send application/json");
            }
        }
        throw RequestRejectedException.invalid(toFieldErrors(report));
    }

    /** Validates a queue message against a named schema of the contract's components. */
    public List<FieldError> validateMessage(String schemaName, String jsonText) {
        Schema<?> schema = api.getComponents().getSchemas().get(schemaName);
        if (schema == null) {
            throw new IllegalArgumentException("no schema " + schemaName + " in the contract");
        }
        ValidationReport report = schemas.validate(jsonText, schema, "validation.message");
        return report.hasErrors() ? toFieldErrors(report) : List.of();
    }

    static List<FieldError> toFieldErrors(ValidationReport report) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            String keyword = m.getKey().substring(m.getKey().lastIndexOf('.') + 1);
            for (String field : fields(m, keyword)) {
                FieldError error = new FieldError(field, keyword, describe(m.getKey(), keyword));
                if (seen.add(error.field() + "|" + error.code())) {
                    errors.add(error);
                }
            }
        }
        if (errors.isEmpty()) {
            errors.add(new FieldError("body", "invalid", "does not match the API contract"));
        }
        return errors;
    }

    private static List<String> fields(ValidationReport.Message m, String keyword) {
        var context = m.getContext();
        if (context.isPresent() && context.get().getParameter().isPresent()) {
            return List.of(context.get().getParameter().get().getName());
        }
        String pointer = context.flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance)
                .orElse("");
        String base = pointer.isEmpty() || "/".equals(pointer) ? "" : pointer.substring(1).replace('/', '.');
        if ("required".equals(keyword) || "additionalProperties".equals(keyword)) {
            // The names are in the message, e.g. ["payeeId"]; they are contract names or the
            // caller's own unknown keys, never values.
            List<String> names = new ArrayList<>();
            int start = m.getMessage().indexOf('[');
            if (start >= 0) {
                Matcher matcher = QUOTED.matcher(m.getMessage().substring(start));
                while (matcher.find()) {
                    names.add(base.isEmpty() ? matcher.group(1) : base + "." + matcher.group(1));
                }
            }
            if (!names.isEmpty()) {
                return names;
            }
        }
        if (m.getKey().startsWith("validation.request.accept.")) {
            return List.of("Accept");
        }
        if (m.getKey().contains(".header.")) {
            Matcher header = Pattern.compile("'([^']+)'").matcher(m.getMessage());
            if (header.find()) {
                return List.of(header.group(1));
            }
        }
        return List.of(base.isEmpty() ? "body" : base);
    }

    private static String describe(String key, String keyword) {
        if (key.startsWith("validation.request.accept.")) {
            return "must accept application/json";
        }
        if (key.endsWith(".missing")) {
            return key.contains(".body.") ? "a JSON body is required" : "is required";
        }
        return switch (keyword) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a recognised field";
            case "pattern" -> "does not have the required format";
            case "enum" -> "is not one of the allowed values";
            case "maxLength" -> "is too long";
            case "minLength" -> "is too short";
            case "type" -> "has the wrong JSON type";
            case "minimum", "maximum" -> "is out of range";
            case "invalidJson" -> "is not valid JSON";
            default -> "does not match the API contract";
        };
    }

    private static String stripQuery(String path) {
        if (path == null) {
            return "/";
        }
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
