package com.acme.payouts.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masks the personal fields of a Monoova webhook payload (account numbers, BSBs, names, PayIDs) so
 * the queued event carries none of them. Processing matches on references and statuses only. Field
 * names are compared case-insensitively because Monoova mixes PascalCase and camelCase (DIGEST §10.9).
 */
public final class WebhookPayloadMasker {

    private static final Set<String> PERSONAL = Set.of(
            "bsb",
            "accountnumber",
            "accountname",
            "payid",
            "payidname",
            "remittername",
            "sourcebsb",
            "sourceaccountnumber",
            "sourceaccountname",
            "ultimatecreditorname",
            "token",
            "paymentdescription");

    private WebhookPayloadMasker() {}

    public static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (PERSONAL.contains(field.getKey().toLowerCase(Locale.ROOT)) && value.isValueNode() && !value.isNull()) {
                    field.setValue(object.textNode(maskText(value.asText())));
                } else {
                    mask(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(WebhookPayloadMasker::mask);
        }
        return node;
    }

    /** Keeps the last three characters of long values (enough to recognise, not to use). */
    static String maskText(String value) {
        if (value.length() <= 4) {
            return "*".repeat(value.length());
        }
        return "*".repeat(value.length() - 3) + value.substring(value.length() - 3);
    }
}
