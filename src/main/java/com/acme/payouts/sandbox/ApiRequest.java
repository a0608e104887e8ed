package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What an endpoint needs from an HTTP request: the decoded path parameters and the body.
 *
 * @param pathParameters values of the {@code {name}} segments of the route, in order, already
 *     percent-decoded (so a reference containing {@code /} arrives whole)
 */
record ApiRequest(List<String> pathParameters, Map<String, String> query, byte[] body, ObjectMapper mapper) {

    ApiRequest(List<String> pathParameters, byte[] body, ObjectMapper mapper) {
        this(pathParameters, Map.of(), body, mapper);
    }

    String pathParameter(int index) {
        return pathParameters.get(index);
    }

    /** A query parameter (first value, decoded), or null. */
    String queryParameter(String name) {
        return query.get(name);
    }

    /** The body as a JSON tree; an empty body is JSON {@code null}. */
    JsonNode json() {
        if (body.length == 0) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("InvalidRequest", "The request body is not valid JSON.");
        }
    }

    /** The body as a JSON object, or a 400 {@code InvalidRequest}. */
    JsonNode jsonObject() {
        JsonNode node = json();
        if (!node.isObject()) {
            throw ApiException.badRequest("InvalidRequest", "The request body must be a JSON object.");
        }
        return node;
    }
}
