package com.acme.payouts.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.monoova.MonoovaPublicKeys;
import com.acme.payouts.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WebhookAuthenticatorTest {

    private static final String TOKEN = "Bearer 4f7c1a9e0b3d";
    private static final byte[] BODY =
            "{\"UniqueReference\":\"payout-po_x\",\"Status\":\"Payment Successful\"}".getBytes(StandardCharsets.UTF_8);

    private static final KeyPair monoova = TestKeys.MONOOVA;
    private static final KeyPair impostor = TestKeys.IMPOSTOR;

    private final AtomicReference<String> configuredToken = new AtomicReference<>(TOKEN);
    private final WebhookAuthenticator authenticator = new WebhookAuthenticator(configuredToken::get, new MonoovaPublicKeys(
            () -> TestKeys.publicKeyHex(monoova), List.of(), Clock.systemUTC(), Duration.ofHours(12)));

    private static String sign(KeyPair keys, byte[] body) {
        return TestKeys.sign(keys, body);
    }

    private void refused(byte[] body, String authorization, String signature, String reason) {
        assertThatThrownBy(() -> authenticator.authenticate(body, authorization, signature))
                .isInstanceOf(WebhookAuthenticationException.class)
                .hasMessage(reason);
    }

    @Test
    void the_right_token_and_a_signature_over_the_exact_body_pass() throws Exception {
        assertThatCode(() -> authenticator.authenticate(BODY, TOKEN, sign(monoova, BODY))).doesNotThrowAnyException();
        // surrounding whitespace from proxies is tolerated
        assertThatCode(() -> authenticator.authenticate(BODY, " " + TOKEN + " ", sign(monoova, BODY) + "\n"))
                .doesNotThrowAnyException();
    }

    @Test
    void the_token_must_match_exactly() throws Exception {
        String signature = sign(monoova, BODY);
        refused(BODY, "Bearer 4f7c1a9e0b3", signature, "wrong security token");
        refused(BODY, TOKEN + "0", signature, "wrong security token");
        refused(BODY, "bearer 4f7c1a9e0b3d", signature, "wrong security token");
        refused(BODY, "Bearer 4f7c1a9e0b3e", signature, "wrong security token");
    }

    @Test
    void missing_or_blank_headers_are_refused_and_named() throws Exception {
        String signature = sign(monoova, BODY);
        refused(BODY, null, signature, "missing Authorization");
        refused(BODY, "  ", signature, "missing Authorization");
        refused(BODY, TOKEN, null, "missing Verification-Signature");
        refused(BODY, TOKEN, " ", "missing Verification-Signature");
        refused(new byte[0], TOKEN, signature, "empty body");
    }

    @Test
    void a_signature_by_another_key_or_over_another_body_or_not_base64_is_refused() throws Exception {
        refused(BODY, TOKEN, sign(impostor, BODY), "signature does not verify");
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("Successful", "Successful ")
                .getBytes(StandardCharsets.UTF_8);
        refused(tampered, TOKEN, sign(monoova, BODY), "signature does not verify");
        refused(BODY, TOKEN, "not*base64", "signature does not verify");
    }

    @Test
    void without_a_configured_token_nothing_is_accepted() throws Exception {
        configuredToken.set("");
        refused(BODY, "", sign(monoova, BODY), "missing Authorization");
        refused(BODY, "anything", sign(monoova, BODY), "no webhook security token is configured");
    }

    @Test
    void a_rotated_token_applies_to_the_next_request() throws Exception {
        String signature = sign(monoova, BODY);
        configuredToken.set("Bearer rotated-1");
        refused(BODY, TOKEN, signature, "wrong security token");
        assertThatCode(() -> authenticator.authenticate(BODY, "Bearer rotated-1", signature)).doesNotThrowAnyException();
    }
}
