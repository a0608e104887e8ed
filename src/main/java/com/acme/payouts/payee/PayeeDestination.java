package com.acme.payouts.payee;

/**
 * A validated, normalised place to send money. Sealed so that every consumer (request mapping, eligibility checks,
 * the codec) handles exactly the destinations Monoova can pay and the compiler flags any new one.
 *
 * <p>Implementations hold personal data in plain text: their {@code toString} shows only masked values, and
 * {@link #masked()} is the only form that may leave the payee vault.
 */
public sealed interface PayeeDestination permits BankAccountDestination, PayIdDestination {

    PayeeType type();

    /** The account holder's name as it will be sent to Monoova ({@code accountName}). */
    String accountName();

    /** A copy safe to log, return from the API or put on a queue. */
    MaskedDestination masked();
}
