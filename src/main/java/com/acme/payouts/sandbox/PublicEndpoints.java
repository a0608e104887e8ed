package com.acme.payouts.sandbox;

import java.nio.charset.StandardCharsets;

/**
 * The ping endpoints (public and authenticated) and the webhook-signing public key, which Monoova
 * serves without authentication so receivers can fetch it.
 */
final class PublicEndpoints {

    static final String ENVIRONMENT = "Sandbox";

    private final WebhookSigner signer;
    private final SydneyTime time;

    PublicEndpoints(WebhookSigner signer, SydneyTime time) {
        this.signer = signer;
        this.time = time;
    }

    ApiResponse publicPing(ApiRequest request) {
        return ping("Monoova Payments Platform Public V1.0 (simulator of API v5.29)");
    }

    ApiResponse toolsPing(ApiRequest request) {
        return ping("Monoova Payments Platform Tools V1.0 (simulator of API v5.29)");
    }

    ApiResponse publicKey(ApiRequest request) {
        return new ApiResponse.Bytes(200, "application/octet-stream", signer.publicKeyHex().getBytes(StandardCharsets.US_ASCII));
    }

    private ApiResponse ping(String product) {
        String version = product + " Environment: " + ENVIRONMENT + " DateTime: " + time.pingDateTime(time.now());
        return ApiResponse.Json.ok().with("version", version).with("environment", ENVIRONMENT);
    }
}
