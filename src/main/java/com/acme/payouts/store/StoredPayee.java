package com.acme.payouts.store;

import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.crypto.SealedPayee;

/** A payee as stored: its shareable facts and its sealed (encrypted) destination, kept apart. */
public record StoredPayee(Payee payee, SealedPayee sealed) {}
