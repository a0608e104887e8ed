package com.acme.payouts.security;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may call which operation, read from the API contract itself: every operation declares
 * {@code x-required-roles} (the caller needs at least one of them), and only an operation that also
 * says {@code security: []} may leave it empty, which makes it public. The security filter chain is
 * built from these rules, and the application refuses to start if any operation lacks a declaration,
 * so a new route cannot ship unprotected.
 */
public final class ContractAccessRules {

    public static final String EXTENSION = "x-required-roles";

    /**
     * One operation's rule.
     *
     * @param path the contract's path template, e.g. {@code /v1/payouts/{payoutId}}
     * @param roles any one of these is enough; empty only for a public operation
     */
    public record Rule(String method, String path, String operationId, Set<Role> roles, boolean isPublic) {}

    private final List<Rule> rules;

    public ContractAccessRules(OpenAPI api) {
        this.rules = List.copyOf(read(api));
    }

    public List<Rule> rules() {
        return rules;
    }

    private static List<Rule> read(OpenAPI api) {
        List<Rule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                Operation operation = op.getValue();
                String name = operation.getOperationId() == null ? op.getKey() + " " + path.getKey() : operation.getOperationId();
                Object declared = operation.getExtensions() == null ? null : operation.getExtensions().get(EXTENSION);
                boolean isPublic = operation.getSecurity() != null && operation.getSecurity().isEmpty();
                if (!(declared instanceof List<?> values)) {
                    problems.add(name + " declares no " + EXTENSION);
                    continue;
                }
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (Object value : values) {
                    Role.of(String.valueOf(value)).ifPresentOrElse(roles::add,
                            () -> problems.add(name + " names an unknown role " + value));
                }
                if (roles.isEmpty() && !isPublic) {
                    problems.add(name + " requires no role but is not declared public (security: [])");
                }
                if (!roles.isEmpty() && isPublic) {
                    problems.add(name + " is declared public but requires roles");
                }
                rules.add(new Rule(op.getKey().name(), path.getKey(), operation.getOperationId(), roles, isPublic));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the API contract leaves operations unprotected: " + problems);
        }
        return rules;
    }
}
