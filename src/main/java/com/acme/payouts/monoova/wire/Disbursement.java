package com.acme.payouts.monoova.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One entry of {@code disbursements[]}. Exactly one of the three detail objects is set, matching
 * {@code disbursementMethod} ({@code NppCreditBankAccount}, {@code NppCreditPayId}, {@code directCredit}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Disbursement(
        String disbursementMethod,
        BigDecimal amount,
        String lodgementReference,
        NppBankAccountDetails toNppCreditBankAccountDetails,
        NppPayIdDetails toNppCreditPayIdDetails,
        DirectCreditDetails toDirectCreditDetails) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NppBankAccountDetails(
            String bsbNumber, String accountNumber, String accountName, String endToEndId, String remitterName) {
        @Override
        public String toString() {
            return "NppBankAccountDetails[redacted]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NppPayIdDetails(
            String payId, String payIdType, String accountName, String endToEndId, String remitterName) {
        @Override
        public String toString() {
            return "NppPayIdDetails[payIdType=" + payIdType + ", redacted]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DirectCreditDetails(String bsbNumber, String accountNumber, String accountName) {
        @Override
        public String toString() {
            return "DirectCreditDetails[redacted]";
        }
    }

    @Override
    public String toString() {
        return "Disbursement[" + disbursementMethod + ", amount=" + amount + "]";
    }
}
