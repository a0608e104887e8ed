package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies the field rules of {@code financial.transaction} (DIGEST §2.4 and §9) to an execute or
 * validate body and turns it into a {@link PayoutInstruction}.
 *
 * <p>Monoova documents no error codes for these endpoints, so every {@code status} thrown here is
 * the sandbox's own (listed in docs/sandbox.md). Checks run in a fixed order and the first failure
 * wins, like Monoova's validate, which "returns only the first validation error".
 */
final class PayoutRequestValidator {

    private static final Set<String> PAYMENT_SOURCES = Set.of("mAccount", "mWallet", "directDebit", "bulkDirectDebit", "token");
    private static final Set<String> PAY_ID_TYPES = Set.of("ABN", "Email", "PhoneNumber", "OrganisationId", "ACN");
    private static final Pattern BSB = Pattern.compile("[0-9]{3}-[0-9]{3}");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[a-zA-Z0-9]+");
    /** The spec's C# literal {@code @"^[a-zA-Z0-9 \.\(\+\$\*\)\^\[\];\-\/,%_?:#@'=&!]*$"} in Java syntax. */
    private static final Pattern DE_CHARACTERS = Pattern.compile("[a-zA-Z0-9 .(+$*)^\\[\\];\\-/,%_?:#@'=&!]*");

    private static final int MAX_UNIQUE_REFERENCE = 200;
    private static final int MAX_TOP_DESCRIPTION = 500;
    private static final int MAX_DE_ACCOUNT_NUMBER = 9;
    private static final int MAX_NPP_ACCOUNT_NUMBER = 28;
    private static final int MIN_ACCOUNT_NAME = 2;
    private static final int MAX_DE_ACCOUNT_NAME = 32;
    private static final int MAX_DE_LODGEMENT_REFERENCE = 18;
    private static final int MAX_NPP_LODGEMENT_REFERENCE = 280;
    private static final int MAX_END_TO_END_ID = 35;
    private static final int MAX_REMITTER_NAME = 140;
    private static final int MAX_PAY_ID = 256;
    private static final int M_ACCOUNT_TOKEN_LENGTH = 16;

    private final String mAccountNumber;

    PayoutRequestValidator(String mAccountNumber) {
        this.mAccountNumber = mAccountNumber;
    }

    /**
     * The reference as sent, if it is a usable string; used to echo {@code callerUniqueReference}
     * and to count execute calls even when the rest of the body is invalid.
     */
    static String referenceOf(JsonNode body) {
        JsonNode node = body == null ? null : body.get("uniqueReference");
        if (node == null || !node.isTextual()) {
            return null;
        }
        String text = node.textValue();
        return text.isEmpty() || text.length() > MAX_UNIQUE_REFERENCE ? null : text;
    }

    PayoutInstruction validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("InvalidRequest", "The request body must be a JSON object.");
        }
        String uniqueReference = optionalText(body, "uniqueReference", "InvalidUniqueReference", "uniqueReference");
        if (uniqueReference != null && (uniqueReference.isEmpty() || uniqueReference.length() > MAX_UNIQUE_REFERENCE)) {
            throw ApiException.badRequest("InvalidUniqueReference", "uniqueReference must be 1 to 200 characters.");
        }
        checkPaymentSource(body);
        String description = optionalText(body, "description", "InvalidDescription", "description");
        if (description != null && description.length() > MAX_TOP_DESCRIPTION) {
            throw ApiException.badRequest("InvalidDescription", "description must be at most 500 characters.");
        }

        JsonNode disbursements = body.get("disbursements");
        if (disbursements == null || !disbursements.isArray() || disbursements.isEmpty()) {
            throw ApiException.badRequest("InvalidDisbursements", "disbursements must be a non-empty array.");
        }
        if (disbursements.size() > 1) {
            throw ApiException.badRequest(
                    "UnsupportedDisbursementCount", "The sandbox accepts exactly one disbursement per transaction.");
        }
        JsonNode disbursement = disbursements.get(0);
        String path = "disbursements[0]";
        if (!disbursement.isObject()) {
            throw ApiException.badRequest("InvalidDisbursements", path + " must be a JSON object.");
        }
        DisbursementMethod method = method(disbursement, path);
        BigDecimal amount = amount(disbursement.get("amount"), "InvalidAmount", path + ".amount");
        checkTotalAmount(body.get("totalAmount"), amount);

        String disbursementDescription =
                optionalText(disbursement, "description", "InvalidDescription", path + ".description");
        String lodgementReference = lodgementReference(disbursement, method, path);
        Payee payee = payee(disbursement, method, path);
        checkSourceAccount(disbursement, path);

        List<String> triggerTexts = new ArrayList<>();
        triggerTexts.add(description);
        triggerTexts.add(disbursementDescription);
        triggerTexts.add(lodgementReference);
        return new PayoutInstruction(
                uniqueReference, amount, method, payee, lodgementReference, Scenario.scan(triggerTexts));
    }

    private void checkPaymentSource(JsonNode body) {
        String source = optionalText(body, "paymentSource", "InvalidPaymentSource", "paymentSource");
        if (source == null) {
            throw ApiException.badRequest("InvalidPaymentSource", "paymentSource is required.");
        }
        if (!PAYMENT_SOURCES.contains(source)) {
            throw ApiException.badRequest(
                    "InvalidPaymentSource",
                    "paymentSource must be one of mAccount, mWallet, directDebit, bulkDirectDebit, token.");
        }
        if (!source.equals("mAccount")) {
            throw ApiException.badRequest(
                    "UnsupportedPaymentSource", "The sandbox supports only paymentSource mAccount.");
        }
        JsonNode mAccount = body.get("mAccount");
        if (mAccount == null || mAccount.isNull()) {
            return; // omitted: the sign-in mAccount pays, as in the spec's own examples
        }
        if (!mAccount.isObject()) {
            throw ApiException.badRequest("InvalidMAccount", "mAccount must be an object with a token.");
        }
        String token = optionalText(mAccount, "token", "InvalidMAccount", "mAccount.token");
        if (token == null || token.length() != M_ACCOUNT_TOKEN_LENGTH) {
            throw ApiException.badRequest("InvalidMAccount", "mAccount.token must be 16 characters.");
        }
        if (!token.equals(mAccountNumber)) {
            throw ApiException.badRequest("InvalidMAccount", "mAccount.token does not identify a sandbox mAccount.");
        }
    }

    private static DisbursementMethod method(JsonNode disbursement, String path) {
        String field = path + ".disbursementMethod";
        String wireName = optionalText(disbursement, "disbursementMethod", "InvalidDisbursementMethod", field);
        if (wireName == null) {
            throw ApiException.badRequest("InvalidDisbursementMethod", field + " is required.");
        }
        if (DisbursementMethod.UNSUPPORTED.contains(wireName)) {
            throw ApiException.badRequest(
                    "UnsupportedDisbursementMethod",
                    "The sandbox supports only NppCreditBankAccount, NppCreditPayId and directCredit.");
        }
        return DisbursementMethod.fromWireName(wireName)
                .orElseThrow(() -> ApiException.badRequest(
                        "InvalidDisbursementMethod", field + " is not a known disbursement method."));
    }

    private static BigDecimal amount(JsonNode node, String code, String field) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(code, field + " is required.");
        }
        if (!node.isNumber()) {
            throw ApiException.badRequest(code, field + " must be a JSON number.");
        }
        BigDecimal value = node.decimalValue();
        if (value.compareTo(Money.MINIMUM) < 0) {
            throw ApiException.badRequest(code, field + " must be at least 0.01.");
        }
        if (!Money.hasAtMostTwoDecimals(value)) {
            throw ApiException.badRequest(code, field + " must have at most 2 decimal places.");
        }
        return Money.normalise(value);
    }

    private static void checkTotalAmount(JsonNode node, BigDecimal sumOfDisbursements) {
        if (node == null || node.isNull()) {
            return; // the spec requires the match only "if both are present"
        }
        BigDecimal total = amount(node, "InvalidTotalAmount", "totalAmount");
        if (total.compareTo(sumOfDisbursements) != 0) {
            throw ApiException.badRequest(
                    "InvalidTotalAmount", "totalAmount must equal the sum of the disbursement amounts.");
        }
    }

    private static String lodgementReference(JsonNode disbursement, DisbursementMethod method, String path) {
        String field = path + ".lodgementReference";
        String value = optionalText(disbursement, "lodgementReference", "InvalidLodgementReference", field);
        if (value == null) {
            return null;
        }
        if (method.isNpp()) {
            if (value.length() > MAX_NPP_LODGEMENT_REFERENCE) {
                throw ApiException.badRequest("InvalidLodgementReference", field + " must be at most 280 characters.");
            }
        } else if (value.length() > MAX_DE_LODGEMENT_REFERENCE || !DE_CHARACTERS.matcher(value).matches()) {
            throw ApiException.badRequest(
                    "InvalidLodgementReference",
                    field + " must be at most 18 characters from the Direct Entry character set.");
        }
        return value;
    }

    private static Payee payee(JsonNode disbursement, DisbursementMethod method, String path) {
        String detailsPath = path + "." + method.detailsField();
        JsonNode details = disbursement.get(method.detailsField());
        if (details == null || !details.isObject()) {
            throw ApiException.badRequest("InvalidDisbursementDetails", detailsPath + " is required.");
        }
        switch (method) {
            case DIRECT_CREDIT:
                return new Payee(
                        bsb(details, detailsPath),
                        accountNumber(details, detailsPath, MAX_DE_ACCOUNT_NUMBER),
                        deAccountName(details, detailsPath),
                        null,
                        null,
                        null,
                        null);
            case NPP_BANK_ACCOUNT:
                return new Payee(
                        bsb(details, detailsPath),
                        accountNumber(details, detailsPath, MAX_NPP_ACCOUNT_NUMBER),
                        nppAccountName(details, detailsPath),
                        null,
                        null,
                        endToEndId(details, detailsPath),
                        remitterName(details, detailsPath));
            case NPP_PAYID:
                return new Payee(
                        null,
                        null,
                        nppAccountName(details, detailsPath),
                        payId(details, detailsPath),
                        payIdType(details, detailsPath),
                        endToEndId(details, detailsPath),
                        remitterName(details, detailsPath));
            default:
                throw new IllegalStateException("unhandled method " + method);
        }
    }

    private static String bsb(JsonNode details, String detailsPath) {
        String field = detailsPath + ".bsbNumber";
        String value = requiredText(details, "bsbNumber", "InvalidBsbNumber", field);
        if (!BSB.matcher(value).matches()) {
            throw ApiException.badRequest("InvalidBsbNumber", field + " must have the format 999-999.");
        }
        return value;
    }

    private static String accountNumber(JsonNode details, String detailsPath, int maxLength) {
        String field = detailsPath + ".accountNumber";
        String value = requiredText(details, "accountNumber", "InvalidAccountNumber", field);
        if (value.length() > maxLength || !ACCOUNT_NUMBER.matcher(value).matches()) {
            throw ApiException.badRequest(
                    "InvalidAccountNumber", field + " must be 1 to " + maxLength + " letters or digits.");
        }
        return value;
    }

    private static String deAccountName(JsonNode details, String detailsPath) {
        String field = detailsPath + ".accountName";
        String value = requiredText(details, "accountName", "InvalidAccountName", field);
        if (value.length() < MIN_ACCOUNT_NAME
                || value.length() > MAX_DE_ACCOUNT_NAME
                || !DE_CHARACTERS.matcher(value).matches()) {
            throw ApiException.badRequest(
                    "InvalidAccountName", field + " must be 2 to 32 characters from the Direct Entry character set.");
        }
        return value;
    }

    private static String nppAccountName(JsonNode details, String detailsPath) {
        String field = detailsPath + ".accountName";
        String value = requiredText(details, "accountName", "InvalidAccountName", field);
        if (value.length() < MIN_ACCOUNT_NAME) {
            throw ApiException.badRequest("InvalidAccountName", field + " must be at least 2 characters.");
        }
        return value;
    }

    private static String payId(JsonNode details, String detailsPath) {
        String field = detailsPath + ".payId";
        String value = requiredText(details, "payId", "InvalidPayId", field);
        if (value.isEmpty() || value.length() > MAX_PAY_ID) {
            throw ApiException.badRequest("InvalidPayId", field + " must be 1 to 256 characters.");
        }
        return value;
    }

    private static String payIdType(JsonNode details, String detailsPath) {
        String field = detailsPath + ".payIdType";
        String value = requiredText(details, "payIdType", "InvalidPayIdType", field);
        if (!PAY_ID_TYPES.contains(value)) {
            throw ApiException.badRequest(
                    "InvalidPayIdType", field + " must be one of ABN, Email, PhoneNumber, OrganisationId, ACN.");
        }
        return value;
    }

    private static String endToEndId(JsonNode details, String detailsPath) {
        String field = detailsPath + ".endToEndId";
        String value = optionalText(details, "endToEndId", "InvalidEndToEndId", field);
        if (value != null && value.length() > MAX_END_TO_END_ID) {
            throw ApiException.badRequest("InvalidEndToEndId", field + " must be at most 35 characters.");
        }
        return value;
    }

    private static String remitterName(JsonNode details, String detailsPath) {
        String field = detailsPath + ".remitterName";
        String value = optionalText(details, "remitterName", "InvalidRemitterName", field);
        if (value != null && value.length() > MAX_REMITTER_NAME) {
            throw ApiException.badRequest("InvalidRemitterName", field + " must be at most 140 characters.");
        }
        return value;
    }

    private static void checkSourceAccount(JsonNode disbursement, String path) {
        String bsbField = path + ".sourceAccountBsb";
        String bsb = optionalText(disbursement, "sourceAccountBsb", "InvalidBsbNumber", bsbField);
        if (bsb != null && !BSB.matcher(bsb).matches()) {
            throw ApiException.badRequest("InvalidBsbNumber", bsbField + " must have the format 999-999.");
        }
        String numberField = path + ".sourceAccountNumber";
        String number = optionalText(disbursement, "sourceAccountNumber", "InvalidAccountNumber", numberField);
        if (number != null
                && (number.length() > MAX_DE_ACCOUNT_NUMBER || !ACCOUNT_NUMBER.matcher(number).matches())) {
            throw ApiException.badRequest("InvalidAccountNumber", numberField + " must be 1 to 9 letters or digits.");
        }
    }

    private static String requiredText(JsonNode parent, String name, String code, String field) {
        String value = optionalText(parent, name, code, field);
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest(code, field + " is required.");
        }
        return value;
    }

    /** Missing and JSON null both mean "not sent"; any non-string value is refused, never coerced. */
    private static String optionalText(JsonNode parent, String name, String code, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(code, field + " must be a string.");
        }
        return node.textValue();
    }
}
