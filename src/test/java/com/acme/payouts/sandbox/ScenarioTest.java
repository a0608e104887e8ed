package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static final Pattern DE_CHARACTERS = Pattern.compile("[a-zA-Z0-9 .(+$*)^\\[\\];\\-/,%_?:#@'=&!]*");

    @Test
    void findsTriggersCaseInsensitivelyAnywhereInAnyText() {
        assertThat(Scenario.scan(Arrays.asList("pay sbx-reject now", null, "ref SBX-Wh-Dup")))
                .containsExactlyInAnyOrder(Scenario.REJECT, Scenario.WEBHOOK_DUPLICATE);
    }

    @Test
    void tellsTheCommittedFailureApartFromThePlainOne() {
        assertThat(Scenario.scan(List.of("SBX-500C"))).containsExactly(Scenario.FAIL_AFTER_COMMIT);
        assertThat(Scenario.scan(List.of("SBX-500"))).containsExactly(Scenario.FAIL_BEFORE_COMMIT);
        assertThat(Scenario.scan(List.of("SBX-500-retry"))).containsExactly(Scenario.FAIL_BEFORE_COMMIT);
    }

    @Test
    void ignoresLookalikes() {
        assertThat(Scenario.scan(List.of("SBX-RESETX", "SBX-5000", "SBX-500CC", "SBX REJECT", "SBX-WH", "XSBX-NOPE"))).isEmpty();
    }

    @Test
    void everyTriggerFitsADirectEntryLodgementReference() {
        for (Scenario scenario : Scenario.values()) {
            assertThat(scenario.trigger()).hasSizeLessThanOrEqualTo(18).matches(DE_CHARACTERS);
            assertThat(Scenario.scan(List.of(scenario.trigger()))).containsExactly(scenario);
        }
    }
}
