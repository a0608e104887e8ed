package com.acme.payouts.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code cfn-lint infrastructure/*.yaml}: the templates must lint clean. Errors and warnings both
 * fail the build; a warning that is wrong for this template is suppressed in the template itself
 * ({@code Metadata: cfn-lint}) next to a comment saying why, so every exception is reviewed.
 */
class CloudFormationLintTest {

    @Test
    void every_template_passes_cfn_lint_without_errors_or_warnings() {
        List<Path> templates = CloudFormationTemplate.all();
        assertThat(templates).as("templates in infrastructure/").isNotEmpty();
        if (!ExternalTool.available("cfn-lint", "--version")) {
            throw ExternalTool.notRun("cfn-lint of infrastructure/*.yaml",
                    "cfn-lint is not installed (pip install cfn-lint; the CI image has it)");
        }
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable", "--"));
        templates.forEach(t -> command.add(ExternalTool.projectDir().relativize(t).toString()));

        ExternalTool.Result lint = ExternalTool.run(Duration.ofMinutes(3), ExternalTool.projectDir(), Map.of(), command);

        System.out.printf("[cfn-lint] %s: exit %d%n%s%n", String.join(" ", command), lint.exitCode(), lint.output());
        // The exit code is a bit mask: 2 errors, 4 warnings, 8 informational; 1 means cfn-lint failed.
        assertThat(lint.exitCode() & ~8)
                .as("cfn-lint found errors or warnings (or could not run):%n%s", lint.output())
                .isZero();
    }
}
