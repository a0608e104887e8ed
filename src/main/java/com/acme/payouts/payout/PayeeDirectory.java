package com.acme.payouts.payout;

import java.util.Optional;

/** The payout side's view of the payee vault: facts about a payee, never its details. */
public interface PayeeDirectory {

    Optional<PayeeFacts> facts(String payeeId);
}
