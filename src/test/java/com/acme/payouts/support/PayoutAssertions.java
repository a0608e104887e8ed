package com.acme.payouts.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Checks on a payout as {@code GET /v1/payouts/{id}} shows it. */
public final class PayoutAssertions {

    private PayoutAssertions() {}

    /** The statuses the payout went through, in order ({@code history[].to}). */
    public static List<String> path(JsonNode payout) {
        List<String> path = new ArrayList<>();
        payout.path("history").forEach(t -> path.add(t.path("to").asText()));
        return path;
    }

    public static long count(JsonNode payout, String status) {
        return path(payout).stream().filter(status::equals).count();
    }

    /** Details of the transitions into {@code status}. */
    public static List<String> detailsInto(JsonNode payout, String status) {
        List<String> details = new ArrayList<>();
        payout.path("history").forEach(t -> {
            if (status.equals(t.path("to").asText())) {
                details.add(t.path("detail").asText(null));
            }
        });
        return details;
    }

    /**
     * The history is one chain: it starts with RECEIVED at createdAt, each transition leaves the
     * status the previous one entered, timestamps never go backwards, and it ends at the current
     * status at updatedAt.
     */
    public static void assertConsistentHistory(JsonNode payout) {
        JsonNode history = payout.path("history");
        String id = payout.path("id").asText();
        assertThat(history.size()).as("history of %s", id).isPositive();
        JsonNode first = history.get(0);
        assertThat(first.path("from").isNull() || first.path("from").isMissingNode())
                .as("first transition of %s has no from", id)
                .isTrue();
        assertThat(first.path("to").asText()).isEqualTo("RECEIVED");
        assertThat(Instant.parse(first.path("at").asText())).isEqualTo(Instant.parse(payout.path("createdAt").asText()));
        Instant previous = Instant.MIN;
        String previousTo = null;
        for (JsonNode t : history) {
            Instant at = Instant.parse(t.path("at").asText());
            assertThat(at).as("transitions of %s in time order: %s", id, history).isAfterOrEqualTo(previous);
            if (previousTo != null) {
                assertThat(t.path("from").asText()).as("transition chain of %s: %s", id, history).isEqualTo(previousTo);
            }
            previous = at;
            previousTo = t.path("to").asText();
        }
        assertThat(previousTo).as("last transition of %s is its status", id).isEqualTo(payout.path("status").asText());
        assertThat(Instant.parse(payout.path("updatedAt").asText())).as("updatedAt of %s", id).isEqualTo(previous);
    }
}
