package com.acme.payouts.payee;

/**
 * Where the vault checks that a BSB exists and is open before storing a bank account: Monoova's
 * {@code GET /tools/v1/bsbValidate/{bsbNumber}} in every deployment (the embedded sandbox answers it locally).
 *
 * <p>Implementations give a definite answer or throw {@link BsbCheckUnavailableException}: "could not ask" must
 * never read as "open", or a typo in a BSB would only surface as a failed payout.
 */
public interface BsbDirectory {

    /**
     * @param bsb normalised {@code NNN-NNN}
     * @throws BsbCheckUnavailableException if the directory could not be asked or gave no usable answer
     */
    BsbCheck check(String bsb);
}
