package studio.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds embedding names in a prompt's tokens, as AUTOMATIC1111's {@code find_embedding_at_position}:
 * each name is tokenised on its own, and a prompt position matches when the tokens there equal that
 * sequence (the longest such name wins).
 */
final class EmbeddingLookup {
    /** An embedding found at a position: its name and how many prompt tokens spell it. */
    record Match(String name, int length) {
    }

    private record Entry(String name, int[] ids) {
    }

    private final Map<Integer, List<Entry>> byFirstToken = new HashMap<>();

    EmbeddingLookup(Iterable<String> names, Function<String, int[]> tokenize) {
        for (String name : names) {
            int[] ids = tokenize.apply(name);
            if (ids.length > 0) {
                byFirstToken.computeIfAbsent(ids[0], k -> new ArrayList<>()).add(new Entry(name, ids));
            }
        }
        byFirstToken.values().forEach(l -> l.sort(Comparator.comparingInt((Entry e) -> -e.ids().length)
                .thenComparing(Entry::name)));
    }

    boolean isEmpty() {
        return byFirstToken.isEmpty();
    }

    /** The embedding spelled at {@code tokens[at...]}, or null. */
    Match at(int[] tokens, int at) {
        List<Entry> candidates = byFirstToken.get(tokens[at]);
        if (candidates == null) {
            return null;
        }
        for (Entry e : candidates) {
            int end = at + e.ids().length;
            if (end <= tokens.length && Arrays.equals(tokens, at, end, e.ids(), 0, e.ids().length)) {
                return new Match(e.name(), e.ids().length);
            }
        }
        return null;
    }
}
