package studio.engine.text;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.engine.api.InvalidRequestException;

/**
 * Textual-inversion embeddings a prompt may use, by name (the file stem): each stands for learned
 * token vectors of the text encoder's width, read only when a prompt uses it.
 */
public final class TextualInversions {
    public static final TextualInversions NONE = new TextualInversions(Map.of(), "");

    /** ComfyUI's explicit form, {@code embedding:NAME} (NAME may carry its file extension). */
    private static final Pattern COMFY = Pattern.compile("embedding:([^\\s,()\\[\\]<>:]+)");

    private final Map<String, Supplier<float[][]>> vectors;
    private final String where;

    /**
     * @param vectors by name, each read on first use (and then kept: the same prompt is encoded for every
     *                chunk and batch); a supplier throws InvalidRequestException for a file that does not fit
     * @param where   the folder, for messages
     */
    public TextualInversions(Map<String, Supplier<float[][]>> vectors, String where) {
        this.vectors = Map.copyOf(vectors);
        this.where = where;
    }

    /**
     * Embeddings known only by how many positions they take ({@code EmbeddingFolder.vectorCounts}): enough
     * to count a prompt's tokens, not to encode it (their vectors have no width).
     */
    public static TextualInversions ofCounts(Map<String, Integer> vectorCounts, String where) {
        Map<String, Supplier<float[][]>> byName = new java.util.HashMap<>();
        vectorCounts.forEach((name, n) -> {
            float[][] positions = new float[n][0];
            byName.put(name, () -> positions);
        });
        return new TextualInversions(byName, where);
    }

    public Set<String> names() {
        return vectors.keySet();
    }

    public boolean isEmpty() {
        return vectors.isEmpty();
    }

    /** The vectors of an embedding, [n][width]. */
    public float[][] vectors(String name) {
        return vectors.get(name).get();
    }

    /**
     * The prompt with every {@code embedding:NAME} written as NAME, which the tokenizer then matches like
     * any embedding word.
     *
     * @throws InvalidRequestException for a NAME that is not an embedding here
     */
    public String rewriteExplicit(String prompt) {
        Matcher m = COMFY.matcher(prompt);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).replaceFirst("\\.(safetensors|pt|bin)$", "");
            if (!vectors.containsKey(name)) {
                throw new InvalidRequestException("the prompt asks for embedding:" + m.group(1) + ", but there is no "
                        + name + ".safetensors in the embeddings folder " + where);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(name));
        }
        m.appendTail(out);
        return out.toString();
    }
}
