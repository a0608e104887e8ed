package com.acme.payouts.monoova;

/**
 * Where the Monoova API key and the webhook security token come from: configuration on the embedded
 * default, Secrets Manager in AWS. Both are read per use, so a rotated value applies without a restart.
 */
public interface MonoovaCredentials {

    String apiKey();

    String webhookToken();

    /** Credentials fixed at start-up (environment or configuration). */
    static MonoovaCredentials fixed(String apiKey, String webhookToken) {
        return new MonoovaCredentials() {
            @Override
            public String apiKey() {
                return apiKey;
            }

            @Override
            public String webhookToken() {
                return webhookToken;
            }

            @Override
            public String toString() {
                return "MonoovaCredentials[fixed, redacted]";
            }
        };
    }
}
