package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.interfaces.RSAPublicKey;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthAndEnvelopeTest {

    private static MonoovaSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.start();
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void publicPingNeedsNoAuthAndCarriesTheEnvelope() {
        SandboxClient.Reply reply = client.withAuthorization(null).get("/public/v1/ping");

        assertThat(reply.httpStatus()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(json.get("status").asText()).isEqualTo("Ok");
        assertThat(json.get("statusDescription").asText()).isEqualTo("Operation completed successfully");
        assertThat(json.get("environment").asText()).isEqualTo("Sandbox");
        assertThat(json.get("version").asText()).contains("Environment: Sandbox");
        assertThat(json.has("data")).isFalse();
    }

    @Test
    void toolsPingAcceptsTheApiKeyAsUsernameWithAnyPassword() {
        assertThat(client.get("/tools/v1/ping").status()).isEqualTo("Ok");
        SandboxClient.Reply withPassword =
                client.withAuthorization(SandboxClient.basic(sandbox.apiKey() + ":ignored")).get("/tools/v1/ping");
        assertThat(withPassword.httpStatus()).isEqualTo(200);
        assertThat(withPassword.json().get("environment").asText()).isEqualTo("Sandbox");
    }

    @Test
    void missingOrWrongCredentialsGet401WithTheEnvelope() {
        for (String header : new String[] {
            null, SandboxClient.basic("wrong-key:"), "Bearer " + sandbox.apiKey(), "Basic not-base64!", SandboxClient.basic(":" + sandbox.apiKey())
        }) {
            SandboxClient.Reply reply = client.withAuthorization(header).get("/tools/v1/ping");
            assertThat(reply.httpStatus()).as("header %s", header).isEqualTo(401);
            assertThat(reply.json().get("status").asText()).isEqualTo("Unauthorized");
            assertThat(reply.json().has("durationMs")).isTrue();
            assertThat(reply.json().has("statusDescription")).isTrue();
        }
    }

    @Test
    void unauthenticatedExecuteMovesNoMoney() {
        String reference = Requests.reference();
        var unauthenticated = client.withAuthorization(SandboxClient.basic("nope:"));

        SandboxClient.Reply reply = unauthenticated.execute(Requests.nppBankAccount(reference, "10.00"));

        assertThat(reply.httpStatus()).isEqualTo(401);
        assertThat(sandbox.executeCalls(reference)).isZero();
        assertThat(sandbox.transaction(reference)).isEmpty();
    }

    @Test
    void controlApiRequiresAuthToo() {
        assertThat(client.withAuthorization(null).get("/sandbox/v1/ledger").httpStatus()).isEqualTo(401);
        assertThat(client.get("/sandbox/v1/ledger").httpStatus()).isEqualTo(200);
    }

    @Test
    void publicKeyIsServedWithoutAuthAsUpperCaseHexOfPkcs1() throws Exception {
        SandboxClient.Reply reply = client.withAuthorization(null).get("/public/v1/certificate/public-key");

        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        String hex = reply.text();
        assertThat(hex).startsWith("3082010A0282010100").matches("[0-9A-F]+").isEqualTo(sandbox.publicKeyHex());
        RSAPublicKey key = PublicKeys.fromPkcs1Hex(hex);
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    }

    @Test
    void unknownPathsAndMethodsAnswerWithTheEnvelope() {
        SandboxClient.Reply notFound = client.get("/financial/v9/nothing");
        assertThat(notFound.httpStatus()).isEqualTo(404);
        assertThat(notFound.status()).isEqualTo("NotFound");

        SandboxClient.Reply wrongMethod = client.get("/financial/v2/transaction/execute");
        assertThat(wrongMethod.httpStatus()).isEqualTo(405);
        assertThat(wrongMethod.status()).isEqualTo("MethodNotAllowed");
    }

    @Test
    void malformedJsonIsA400WithTransactionIdZero() {
        SandboxClient.Reply reply = client.post("/financial/v2/transaction/execute", "{not json");

        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.status()).isEqualTo("InvalidRequest");
        assertThat(reply.json().get("transactionId").asInt()).isZero();
    }
}
