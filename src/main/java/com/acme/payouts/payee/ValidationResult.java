package com.acme.payouts.payee;

import com.acme.payouts.support.FieldError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link PayeeValidator#validate}: either a normalised destination or every problem found, so a
 * client can fix all fields in one round trip instead of discovering them one by one.
 */
public final class ValidationResult {

    private final PayeeDestination destination;
    private final List<FieldError> errors;

    private ValidationResult(PayeeDestination destination, List<FieldError> errors) {
        this.destination = destination;
        this.errors = errors;
    }

    public static ValidationResult valid(PayeeDestination destination) {
        return new ValidationResult(Objects.requireNonNull(destination, "destination"), List.of());
    }

    /** @throws IllegalArgumentException if {@code errors} is empty: an invalid result must say why */
    public static ValidationResult invalid(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one error");
        }
        return new ValidationResult(null, List.copyOf(errors));
    }

    public boolean isValid() {
        return destination != null;
    }

    /** The normalised destination; empty exactly when {@link #errors()} is not. */
    public Optional<PayeeDestination> destination() {
        return Optional.ofNullable(destination);
    }

    /** Unmodifiable; empty exactly when the input was valid. */
    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String toString() {
        // The destination's own toString is masked, and errors never hold submitted values.
        return isValid() ? "ValidationResult[valid " + destination + "]" : "ValidationResult[invalid " + errors + "]";
    }
}
