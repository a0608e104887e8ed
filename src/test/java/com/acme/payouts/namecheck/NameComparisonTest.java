package com.acme.payouts.namecheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameComparisonTest {

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // MATCH: only case and spaces differ
        "Jane Citizen|Jane Citizen|MATCH",
        "Jane Citizen|JANE CITIZEN|MATCH",
        "  Jane   Citizen |jane citizen|MATCH",
        // (a) same words in any order, punctuation, accents, titles and company words ignored
        "Jane Citizen|CITIZEN JANE|CLOSE_MATCH",
        "Jane Citizen|Citizen, Jane|CLOSE_MATCH",
        "Dr Zoë O'Brien|ZOE OBRIEN|CLOSE_MATCH",
        "Mary-Anne Smith|Mary Anne Smith|CLOSE_MATCH",
        "Acme Pty Ltd|ACME|CLOSE_MATCH",
        "Mr Jane Citizen|Jane Citizen|CLOSE_MATCH",
        // (b) initials
        "J Citizen|Jane Citizen|CLOSE_MATCH",
        "Jane M Citizen|Jane Mary Citizen|CLOSE_MATCH",
        "J Citizen|Jane Smith|NO_MATCH",
        "K Citizen|Jane Citizen|NO_MATCH",
        // (c) one edit up to 12 characters, two above
        "Jon Citizen|John Citizen|CLOSE_MATCH",
        "Jane Citizn|Jane Citizen|CLOSE_MATCH",
        "Jon Smith|Jan Smyth|NO_MATCH",
        "Katherine Citizen|Catherine Citizan|CLOSE_MATCH",
        "Katherine Citizen|Catherin Citizan|NO_MATCH",
        // NO_MATCH
        "Jane Citizen|Alex Differentperson|NO_MATCH",
        "Jane Citizen|Jane|NO_MATCH",
        "Mr|Mr|MATCH",
        "Mr|Dr|NO_MATCH",
    })
    void compares(String ours, String theirs, NameMatch expected) {
        assertThat(NameComparison.compare(ours, theirs)).isEqualTo(expected);
        assertThat(NameComparison.compare(theirs, ours)).as("symmetric").isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void a_missing_name_is_no_match() {
        assertThat(NameComparison.compare("Jane Citizen", null)).isEqualTo(NameMatch.NO_MATCH);
        assertThat(NameComparison.compare("Jane Citizen", "  ")).isEqualTo(NameMatch.NO_MATCH);
        assertThat(NameComparison.compare(null, "Jane Citizen")).isEqualTo(NameMatch.NO_MATCH);
    }

    @org.junit.jupiter.api.Test
    void levenshtein_distances() {
        assertThat(NameComparison.levenshtein("KITTEN", "SITTING", 5)).isEqualTo(3);
        assertThat(NameComparison.levenshtein("KITTEN", "SITTING", 1)).isEqualTo(2);
        assertThat(NameComparison.levenshtein("ABC", "ABC", 0)).isZero();
    }
}
