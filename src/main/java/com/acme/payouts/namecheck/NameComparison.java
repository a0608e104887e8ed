package com.acme.payouts.namecheck;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares the name we hold for a payee with the PayID owner's name Monoova answers, and says whether
 * they are the same name ({@link NameMatch#MATCH}), close ({@link NameMatch#CLOSE_MATCH}) or not
 * ({@link NameMatch#NO_MATCH}). "Close" is defined precisely, so it can be explained to an operator:
 *
 * <p><b>Normal form</b> of a name: accents removed (Unicode NFKD, combining marks dropped), upper case,
 * apostrophes deleted ({@code O'Brien} → {@code OBRIEN}), every other character that is not a letter or
 * digit a word break, then the titles {@code MR MRS MS MISS MX DR} and the company words
 * {@code PTY LTD LIMITED PROPRIETARY} dropped.
 *
 * <ol>
 *   <li><b>MATCH</b>: the two names are equal ignoring letter case and leading, trailing and repeated spaces.
 *   <li><b>CLOSE_MATCH</b> if one of these holds for the normal forms (and neither is empty):
 *       <ol type="a">
 *         <li>the same words in any order ({@code Citizen, Jane} ~ {@code Jane Citizen};
 *             {@code Dr Zoë O'Brien} ~ {@code ZOE OBRIEN}; {@code Acme Pty Ltd} ~ {@code ACME});
 *         <li>the same number of words (at least two), the same last word, and every other word equal or
 *             a single-letter initial of the other ({@code J Citizen} ~ {@code Jane Citizen});
 *         <li>the words joined by single spaces differ by at most one edit (insert, delete or replace one
 *             character: Levenshtein distance) when the longer is at most 12 characters, at most two when it
 *             is longer ({@code Jon Citizen} ~ {@code John Citizen}).
 *       </ol>
 *   <li><b>NO_MATCH</b> otherwise, and whenever either name is missing or empty after normalising.
 * </ol>
 */
public final class NameComparison {

    private static final Set<String> IGNORED = Set.of("MR", "MRS", "MS", "MISS", "MX", "DR", "PTY", "LTD", "LIMITED", "PROPRIETARY");

    private NameComparison() {}

    public static NameMatch compare(String ours, String theirs) {
        if (ours == null || theirs == null || ours.isBlank() || theirs.isBlank()) {
            return NameMatch.NO_MATCH;
        }
        if (collapse(ours).equalsIgnoreCase(collapse(theirs))) {
            return NameMatch.MATCH;
        }
        List<String> a = words(ours);
        List<String> b = words(theirs);
        if (a.isEmpty() || b.isEmpty()) {
            return NameMatch.NO_MATCH;
        }
        if (sameWordsAnyOrder(a, b) || initialsOnly(a, b) || fewEdits(String.join(" ", a), String.join(" ", b))) {
            return NameMatch.CLOSE_MATCH;
        }
        return NameMatch.NO_MATCH;
    }

    private static String collapse(String s) {
        return s.trim().replaceAll("\\s+", " ");
    }

    /** The normal form, as words. */
    static List<String> words(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        plain = plain.toUpperCase(Locale.ROOT).replaceAll("['’‘`]", "").replaceAll("[^A-Z0-9]+", " ").trim();
        List<String> out = new ArrayList<>();
        for (String w : plain.split(" ")) {
            if (!w.isEmpty() && !IGNORED.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean sameWordsAnyOrder(List<String> a, List<String> b) {
        String[] x = a.toArray(String[]::new);
        String[] y = b.toArray(String[]::new);
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    private static boolean initialsOnly(List<String> a, List<String> b) {
        if (a.size() != b.size() || a.size() < 2 || !a.get(a.size() - 1).equals(b.get(b.size() - 1))) {
            return false;
        }
        for (int i = 0; i < a.size() - 1; i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean initial = (x.length() == 1 && y.startsWith(x)) || (y.length() == 1 && x.startsWith(y));
            if (!x.equals(y) && !initial) {
                return false;
            }
        }
        return true;
    }

    private static boolean fewEdits(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        int allowed = longer <= 12 ? 1 : 2;
        return levenshtein(a, b, allowed) <= allowed;
    }

    /** Levenshtein distance, stopping early once it is certainly above {@code max}. */
    static int levenshtein(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
