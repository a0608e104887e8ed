package com.acme.payouts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every operation of the contract says who may call it; a contract that doesn't is refused. */
class ContractAccessRulesTest {

    private static OpenAPI parse(String yaml) {
        return new OpenAPIV3Parser().readContents(yaml).getOpenAPI();
    }

    @Test
    void every_operation_of_the_contract_declares_its_roles_and_only_the_webhook_is_public() throws IOException {
        ContractAccessRules rules = new ContractAccessRules(parse(Files.readString(Path.of("openapi", "payouts-api.yaml"))));
        assertThat(rules.rules()).hasSizeGreaterThanOrEqualTo(14);
        assertThat(rules.rules()).filteredOn(ContractAccessRules.Rule::isPublic)
                .extracting(ContractAccessRules.Rule::operationId)
                .containsExactly("receiveMonoovaWebhook");
        assertThat(rules.rules()).filteredOn(r -> !r.isPublic()).allSatisfy(r -> assertThat(r.roles()).isNotEmpty());
        assertThat(rules.rules()).filteredOn(r -> r.path().startsWith("/v1/api-keys") || r.path().startsWith("/v1/audit"))
                .allSatisfy(r -> assertThat(r.roles()).containsExactly(Role.OPS));
    }

    private static final String HEAD = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /v1/things:
                get:
                  operationId: listThings
            """;

    @Test
    void an_operation_without_a_declaration_is_refused() {
        assertThatThrownBy(() -> new ContractAccessRules(parse(HEAD + "      responses: {'200': {description: ok}}\n")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listThings declares no x-required-roles");
    }

    @Test
    void an_empty_declaration_is_refused_unless_the_operation_is_explicitly_public() {
        assertThatThrownBy(() -> new ContractAccessRules(parse(HEAD
                        + "      x-required-roles: []\n      responses: {'200': {description: ok}}\n")))
                .hasMessageContaining("not declared public");
        assertThat(new ContractAccessRules(parse(HEAD
                        + "      security: []\n      x-required-roles: []\n      responses: {'200': {description: ok}}\n"))
                .rules().get(0).isPublic()).isTrue();
    }

    @Test
    void an_unknown_role_is_refused() {
        assertThatThrownBy(() -> new ContractAccessRules(parse(HEAD
                        + "      x-required-roles: ['payout:delete']\n      responses: {'200': {description: ok}}\n")))
                .hasMessageContaining("unknown role payout:delete");
    }
}
