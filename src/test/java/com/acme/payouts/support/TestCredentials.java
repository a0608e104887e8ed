package com.acme.payouts.support;

/**
 * The credentials the tests call the service with. The bootstrap operator key is configured the way an
 * operator would ({@code PAYOUTS_BOOTSTRAP_TOKEN}, or the property in the shared test context), and
 * {@link PayoutsClient} sends it unless told otherwise.
 */
public final class TestCredentials {

    /** Test-only, never a real credential; long enough for the service's 32-character minimum. */
    public static final String BOOTSTRAP_TOKEN = "test-bootstrap-token-not-a-secret-0123456789";

    private TestCredentials() {}
}
