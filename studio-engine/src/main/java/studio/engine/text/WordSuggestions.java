package studio.engine.text;

import java.util.Optional;

/**
 * A known word for one a word vocabulary lacks, for the prompt counter: the singular of a plural the
 * vocabulary has ("apples" → "apple", "cherries" → "cherry", "foxes" → "fox"), else a known word one
 * typo away — a letter added, dropped or changed, or two neighbours swapped ("appel" → "apple"), the
 * first such word in the vocabulary's (alphabetical) order. Words under four letters get none: too many
 * short words are one edit apart.
 *
 * <p>By hand because the rule is this small: a spelling library would bring its own dictionary, and
 * the only words that matter are the model's.
 */
final class WordSuggestions {
    static final int MIN_LENGTH = 4;

    private WordSuggestions() {
    }

    static Optional<String> forWord(String word, WordVocabulary vocabulary) {
        if (word.length() < MIN_LENGTH) {
            return Optional.empty();
        }
        for (String singular : singulars(word)) {
            if (vocabulary.id(singular) != WordVocabulary.UNK_ID) {
                return Optional.of(singular);
            }
        }
        for (String known : vocabulary.tokens().subList(WordVocabulary.SPECIALS.size(), vocabulary.size())) {
            if (oneEditApart(word, known)) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }

    private static String[] singulars(String word) {
        String[] out = new String[3];
        int n = 0;
        if (word.endsWith("ies")) {
            out[n++] = word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("es")) {
            out[n++] = word.substring(0, word.length() - 2);
        }
        if (word.endsWith("s")) {
            out[n++] = word.substring(0, word.length() - 1);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Optimal string alignment distance exactly 1: one insertion, deletion, substitution or adjacent swap. */
    static boolean oneEditApart(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            // a substitution at i, or a swap of i and i + 1
            return a.regionMatches(i + 1, b, i + 1, la - i - 1)
                    || (i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2));
        }
        // one more letter in the longer word at i
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }
}
