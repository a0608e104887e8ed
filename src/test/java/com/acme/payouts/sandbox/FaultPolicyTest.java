package com.acme.payouts.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultPolicyTest {

    private static final Set<Scenario> NO_TRIGGERS = Set.of();

    @Test
    void sameSeedReferenceAndAttemptGiveTheSameFaultsInEveryInstance() {
        FaultPolicy first = new FaultPolicy(42, 0.5);
        FaultPolicy second = new FaultPolicy(42, 0.5);

        for (int i = 0; i < 500; i++) {
            String reference = "ref-" + i;
            assertThat(second.executeFault(NO_TRIGGERS, reference, 1)).isEqualTo(first.executeFault(NO_TRIGGERS, reference, 1));
            assertThat(second.webhookFault(NO_TRIGGERS, reference, 1)).isEqualTo(first.webhookFault(NO_TRIGGERS, reference, 1));
        }
    }

    @Test
    void decisionsArePinnedSoARecordedSeedReplaysAcrossVersions() {
        FaultPolicy policy = new FaultPolicy(7, 0.5);
        List<ExecuteFault> faults = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            faults.add(policy.executeFault(NO_TRIGGERS, "payout-" + i, 1));
        }

        assertThat(faults).containsExactlyElementsOf(PINNED_SEED_7);
    }

    @Test
    void theAttemptNumberIsPartOfTheDraw() {
        FaultPolicy policy = new FaultPolicy(42, 0.5);
        int differing = 0;
        for (int i = 0; i < 200; i++) {
            if (policy.executeFault(NO_TRIGGERS, "ref-" + i, 1) != policy.executeFault(NO_TRIGGERS, "ref-" + i, 2)) {
                differing++;
            }
        }
        assertThat(differing).isBetween(50, 150);
    }

    @Test
    void rateZeroNeverFaultsAndRateOneAlwaysDoesWithEveryKind() {
        FaultPolicy never = new FaultPolicy(1, 0.0);
        FaultPolicy always = new FaultPolicy(1, 1.0);
        EnumSet<ExecuteFault> executeKinds = EnumSet.noneOf(ExecuteFault.class);
        EnumSet<WebhookFault> webhookKinds = EnumSet.noneOf(WebhookFault.class);

        for (int i = 0; i < 1000; i++) {
            String reference = "ref-" + i;
            assertThat(never.executeFault(NO_TRIGGERS, reference, 1)).isEqualTo(ExecuteFault.NONE);
            assertThat(never.webhookFault(NO_TRIGGERS, reference, 1)).isEqualTo(WebhookFault.NONE);
            executeKinds.add(always.executeFault(NO_TRIGGERS, reference, 1));
            webhookKinds.add(always.webhookFault(NO_TRIGGERS, reference, 1));
        }

        assertThat(executeKinds).containsExactlyInAnyOrder(
                ExecuteFault.FAIL_BEFORE_COMMIT, ExecuteFault.FAIL_AFTER_COMMIT,
                ExecuteFault.TIMEOUT_AFTER_COMMIT, ExecuteFault.RESET_AFTER_COMMIT);
        assertThat(webhookKinds).containsExactlyInAnyOrder(WebhookFault.DROP, WebhookFault.DUPLICATE, WebhookFault.DELAY);
    }

    @Test
    void theFaultRateIsHonouredAndExecuteAndWebhookDrawsAreIndependent() {
        FaultPolicy policy = new FaultPolicy(99, 0.3);
        int executeFaults = 0;
        int webhookFaults = 0;
        int both = 0;
        int draws = 4000;
        for (int i = 0; i < draws; i++) {
            boolean execute = policy.executeFault(NO_TRIGGERS, "ref-" + i, 1) != ExecuteFault.NONE;
            boolean webhook = policy.webhookFault(NO_TRIGGERS, "ref-" + i, 1) != WebhookFault.NONE;
            executeFaults += execute ? 1 : 0;
            webhookFaults += webhook ? 1 : 0;
            both += execute && webhook ? 1 : 0;
        }
        assertThat(executeFaults / (double) draws).isBetween(0.27, 0.33);
        assertThat(webhookFaults / (double) draws).isBetween(0.27, 0.33);
        assertThat(both / (double) draws).isBetween(0.07, 0.11);
    }

    @Test
    void triggersWinOverTheDrawWithADocumentedPrecedence() {
        FaultPolicy policy = new FaultPolicy(0, 0.0);

        assertThat(policy.executeFault(EnumSet.of(Scenario.FAIL_AFTER_COMMIT, Scenario.FAIL_BEFORE_COMMIT), "r", 1))
                .isEqualTo(ExecuteFault.FAIL_BEFORE_COMMIT);
        assertThat(policy.executeFault(EnumSet.of(Scenario.TIMEOUT, Scenario.RESET), "r", 1))
                .isEqualTo(ExecuteFault.RESET_AFTER_COMMIT);
        assertThat(policy.webhookFault(EnumSet.of(Scenario.WEBHOOK_DELAY, Scenario.WEBHOOK_DROP), "r", 1))
                .isEqualTo(WebhookFault.DROP);
    }

    @Test
    void refusesRatesOutsideZeroToOne() {
        assertThatThrownBy(() -> new FaultPolicy(0, 1.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPolicy(0, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultPolicy(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Computed independently from the documented SHA-256 recipe (docs/sandbox.md). */
    private static final List<ExecuteFault> PINNED_SEED_7 = List.of(
            ExecuteFault.RESET_AFTER_COMMIT,
            ExecuteFault.FAIL_AFTER_COMMIT,
            ExecuteFault.NONE,
            ExecuteFault.FAIL_BEFORE_COMMIT,
            ExecuteFault.NONE,
            ExecuteFault.NONE,
            ExecuteFault.NONE,
            ExecuteFault.FAIL_AFTER_COMMIT);
}
