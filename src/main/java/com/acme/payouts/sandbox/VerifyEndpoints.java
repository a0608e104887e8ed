package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /verify/v2/aba/initiate} (spec {@code VerifyNPPAccountPayIdInitiate}): the NPP verification
 * that also answers the PayID's {@code ownerName}, "the PayId Name set up by account holder" ({@code null}
 * for a bank account). Monoova's own sandbox cannot be told which name a PayID carries, so the answer
 * follows triggers in the PayID itself (docs/sandbox.md, "Name check"):
 *
 * <ul>
 *   <li>{@code sbx-unknown}: HTTP 400 {@code PayIdNotFound} (the sandbox's own code: the spec documents no body);
 *   <li>{@code sbx-other}: a different name;
 *   <li>{@code sbx-close}: the same name upper-cased with its words in reverse order;
 *   <li>{@code sbx-500}: HTTP 500; {@code sbx-timeout}: the answer is held back for {@code slowResponseDelay};
 *   <li>anything else: exactly the {@code accountName} sent.
 * </ul>
 *
 * The 1c verification payment itself is not simulated (no money moves, no fee is charged to the fee
 * account; the fee fields carry the spec's example values).
 */
final class VerifyEndpoints {

    static final String DIFFERENT_NAME = "Alex Differentperson";
    private static final Set<String> PAYID_TYPES = Set.of("ABN", "Email", "PhoneNumber", "OrganisationId", "ACN");

    private final Duration slowResponseDelay;

    VerifyEndpoints(Duration slowResponseDelay) {
        this.slowResponseDelay = slowResponseDelay;
    }

    ApiResponse initiate(ApiRequest request) {
        JsonNode body = request.jsonObject();
        String creditMethod = text(body, "creditMethod");
        String accountName = required(body, "accountName", 32);
        required(body, "verificationIdentifier", 512);
        optional(body, "remitter", 140);
        String ownerName;
        if ("NppCreditBankAccount".equals(creditMethod)) {
            required(body, "bsb", 7);
            required(body, "bankAccountNumber", 9);
            ownerName = null;
        } else if ("NppCreditPayId".equals(creditMethod)) {
            String payId = required(body, "payId", 256);
            String payIdType = text(body, "payIdType");
            if (payIdType == null || !PAYID_TYPES.contains(payIdType)) {
                throw ApiException.badRequest("InvalidPayIdType", "payIdType must be one of ABN, Email, PhoneNumber, OrganisationId, ACN.");
            }
            String trigger = payId.toLowerCase(Locale.ROOT);
            if (trigger.contains("sbx-unknown")) {
                throw ApiException.badRequest("PayIdNotFound", "The PayID is not registered.");
            }
            if (trigger.contains("sbx-500")) {
                return ApiResponse.Json.error(500, "InternalServerError", "Internal server error.");
            }
            ownerName = trigger.contains("sbx-other") ? DIFFERENT_NAME
                    : trigger.contains("sbx-close") ? close(accountName)
                    : accountName;
            ApiResponse answer = answer(ownerName);
            return trigger.contains("sbx-timeout") ? new ApiResponse.Delayed(answer, slowResponseDelay) : answer;
        } else {
            throw ApiException.badRequest("InvalidCreditMethod", "creditMethod must be NppCreditBankAccount or NppCreditPayId.");
        }
        return answer(ownerName);
    }

    private static ApiResponse answer(String ownerName) {
        return ApiResponse.Json.ok()
                .with("token", UUID.randomUUID().toString())
                .with("feeAmountExGst", new BigDecimal("1.0000"))
                .with("feeAmountIncGst", new BigDecimal("1.1000"))
                .with("feeAmountGstComp", new BigDecimal("0.1000"))
                .with("ownerName", ownerName);
    }

    /** The name upper-cased, words in reverse order: what a bank's record of "Jane Citizen" might read. */
    static String close(String name) {
        List<String> words = new ArrayList<>(List.of(name.trim().split("\\s+")));
        Collections.reverse(words);
        return String.join(" ", words).toUpperCase(Locale.ROOT);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode body, String field, int max) {
        String v = text(body, field);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("InvalidRequest", field + " is required.");
        }
        if (v.length() > max) {
            throw ApiException.badRequest("InvalidRequest", field + " is longer than " + max + " characters.");
        }
        return v;
    }

    private static void optional(JsonNode body, String field, int max) {
        String v = text(body, field);
        if (v != null && v.length() > max) {
            throw ApiException.badRequest("InvalidRequest", field + " is longer than " + max + " characters.");
        }
    }
}
