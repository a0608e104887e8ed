package com.acme.payouts.sandbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /mAccount/v1/financials/{accountNumber}}: the balances a payout service checks
 * before paying. The sandbox models a single sign-in mAccount with a separate fee account, so the
 * mAccount moves by exactly the payout amounts and the fees accumulate (negative) on the fee account.
 */
final class AccountEndpoints {

    /** No credit cap is modelled; the value only has to be large and stable. */
    private static final BigDecimal AVAILABLE_TO_CREDIT = new BigDecimal("999999999.99");
    private static final BigDecimal NO_LIMIT = new BigDecimal("0.00");
    private static final BigDecimal MINIMUM_SETTLEMENT = new BigDecimal("0.02");

    private final PayoutBook book;
    private final SandboxConfig config;

    AccountEndpoints(PayoutBook book, SandboxConfig config) {
        this.book = book;
        this.config = config;
    }

    ApiResponse financials(ApiRequest request) {
        if (!config.mAccountNumber().equals(request.pathParameter(0))) {
            throw ApiException.badRequest("InvalidAccountNumber", "accountNumber is not a sandbox mAccount.");
        }
        LedgerSnapshot ledger = book.ledger();
        BigDecimal balance = ledger.availableToDebit();

        Map<String, Object> cleared = new LinkedHashMap<>();
        cleared.put("availableBalance", balance);
        cleared.put("unclearedFunds", NO_LIMIT);
        cleared.put("uniqueReferencesWaitingToClear", List.of());

        Map<String, Object> financials = new LinkedHashMap<>();
        // The spec types accountNumber as integer (example unquoted) but feeAccountNumber's example is a string
        financials.put("accountNumber", Long.parseLong(config.mAccountNumber()));
        financials.put("actualBalance", balance);
        financials.put("clearedFundsOnly", false);
        financials.put("creditLimit", NO_LIMIT);
        financials.put("feeAccountActualBalance", ledger.feesCharged().negate());
        financials.put("feeAccountNumber", config.feeAccountNumber());
        financials.put("hasSeparateFeeAccount", true);
        financials.put("lowerCreditLimit", NO_LIMIT);
        financials.put("minimumSettlementAmount", MINIMUM_SETTLEMENT);
        financials.put("settlementFrequency", "None");
        financials.put("upperCreditLimit", NO_LIMIT);
        financials.put("availableToDebit", balance);
        financials.put("availableToCredit", AVAILABLE_TO_CREDIT);
        financials.put("nppBalance", balance);
        financials.put("nppPayoutLimit", config.nppPayoutLimit());
        financials.put("isFeeAccount", false);
        financials.put("isParentAccount", false);
        financials.put("isParentClearedFunds", null);
        financials.put("clearedFundsAccountFinancials", cleared);
        return ApiResponse.Json.ok().with("financials", financials);
    }
}
