package com.acme.payouts.monoova;

import com.acme.payouts.monoova.wire.Disbursement;
import com.acme.payouts.monoova.wire.TransactionRequest;
import com.acme.payouts.payee.BankAccountDestination;
import com.acme.payouts.payee.PayIdDestination;
import com.acme.payouts.payee.PayeeDestination;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutMethod;
import java.util.List;

/**
 * Builds the execute body for one payout: one disbursement from our sign-in mAccount, so one
 * {@code uniqueReference} is exactly one payout (DIGEST §10.14). Field names and methods are the
 * spec's: {@code NppCreditBankAccount}, {@code NppCreditPayId}, {@code directCredit}.
 */
public class MonoovaRequestMapper {

    private final String mAccount;
    private final String remitterName;

    public MonoovaRequestMapper(String mAccount, String remitterName) {
        this.mAccount = blankToNull(mAccount);
        this.remitterName = blankToNull(remitterName);
    }

    public TransactionRequest toRequest(Payout payout, PayeeDestination destination) {
        Disbursement disbursement = switch (payout.method()) {
            case NPP -> npp(payout, destination);
            case DE -> directCredit(payout, destination);
        };
        return new TransactionRequest(
                payout.monoovaReference(),
                "mAccount",
                mAccount == null ? null : new TransactionRequest.MAccountSource(mAccount),
                payout.amount().amount(),
                "Payout " + payout.id(),
                List.of(disbursement));
    }

    private Disbursement npp(Payout payout, PayeeDestination destination) {
        // endToEndId (max 35) travels with the payment to the payee's bank: our payout id fits and
        // lets both banks trace it back to us.
        String endToEndId = payout.id();
        if (destination instanceof BankAccountDestination bank) {
            return new Disbursement(
                    "NppCreditBankAccount",
                    payout.amount().amount(),
                    payout.reference(),
                    new Disbursement.NppBankAccountDetails(
                            bank.bsb(), bank.accountNumber(), bank.accountName(), endToEndId, remitterName),
                    null,
                    null);
        }
        PayIdDestination payId = (PayIdDestination) destination;
        return new Disbursement(
                "NppCreditPayId",
                payout.amount().amount(),
                payout.reference(),
                null,
                new Disbursement.NppPayIdDetails(
                        payId.payId(), payId.payIdType().wireName(), payId.accountName(), endToEndId, remitterName),
                null);
    }

    private Disbursement directCredit(Payout payout, PayeeDestination destination) {
        if (!(destination instanceof BankAccountDestination bank) || payout.method() != PayoutMethod.DE) {
            throw new IllegalArgumentException("Direct Entry pays bank accounts only");
        }
        return new Disbursement(
                "directCredit",
                payout.amount().amount(),
                payout.reference(),
                null,
                null,
                new Disbursement.DirectCreditDetails(bank.bsb(), bank.accountNumber(), bank.accountName()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
