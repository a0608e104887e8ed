package com.acme.payouts.api;

import com.acme.payouts.funding.FundingService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** {@code GET /v1/balance} ({@code direct:getBalance}): the funding balance (ADR 0006). */
public class BalanceApi {

    private final FundingService funding;
    private final ApiResponses responses;

    public BalanceApi(FundingService funding, ApiResponses responses) {
        this.funding = funding;
        this.responses = responses;
    }

    public void get(Exchange exchange) {
        FundingService.BalanceView view = funding.view();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("currency", "AUD");
        body.put("initialised", view.initialised());
        body.put("available", amount(view.available()));
        body.put("reserved", amount(view.reserved()));
        body.put("awaitingFunds", amount(view.awaitingFunds()));
        body.put("awaitingFundsCount", view.awaitingFundsCount());
        body.put("shortfall", amount(view.shortfall()));
        if (view.monoovaAvailableToDebit() != null) {
            Map<String, Object> monoova = new LinkedHashMap<>();
            monoova.put("availableToDebit", view.monoovaAvailableToDebit().stripTrailingZeros().toPlainString());
            monoova.put("checkedAt", view.monoovaCheckedAt());
            body.put("monoova", monoova);
        } else {
            body.put("monoova", null);
        }
        responses.respond(exchange, 200, body, Map.of());
    }

    static String amount(BigDecimal value) {
        return value.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
