package com.acme.payouts.namecheck;

/** How the name a PayID's owner set up compares with the name we hold for the payee ({@link NameComparison}). */
public enum NameMatch {
    /** The same name, ignoring only letter case and runs of spaces. */
    MATCH,
    /** Not the same text, but the same name by the precise rules of {@link NameComparison}. */
    CLOSE_MATCH,
    /** Anything else: treat as a different person until someone has looked. */
    NO_MATCH,
    /** Monoova does not know the PayID (the sandbox's {@code PayIdNotFound}): paying it would fail too. */
    PAYID_NOT_FOUND
}
