package studio.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * AUTOMATIC1111's way of fitting a prompt of any length into 77-token windows: 75 prompt tokens per
 * chunk between start and end tokens. When a chunk fills up and a comma lies within its last
 * {@value #COMMA_BACKTRACK} tokens, the words after that comma move to the next chunk, so a phrase
 * is not cut in two. {@code BREAK} ends the current chunk early.
 *
 * @param startId the start-of-text token that opens every chunk
 * @param endId   the end-of-text token that closes it
 * @param padId   id written after the first end token (CLIP for SD 1.x repeats the end token;
 *                OpenCLIP for SD 2.x uses 0)
 * @param commaId the token of a lone comma, or {@link #NO_COMMA}
 */
public record PromptChunker(int startId, int endId, int padId, int commaId) {
    public static final int CHUNK_TOKENS = 75;
    /** A1111's default {@code comma_padding_backtrack}. */
    public static final int COMMA_BACKTRACK = 20;
    /** Id meaning "this vocabulary has no comma token": comma backtracking is then off. */
    public static final int NO_COMMA = -1;

    public int contextLength() {
        return CHUNK_TOKENS + 2;
    }

    /**
     * Chunks parsed prompt parts. Each text part is tokenized on its own by {@code encoder}, as A1111
     * does, and its tokens carry the part's weight.
     */
    public List<TokenChunk> chunk(List<PromptPart> parts, Function<String, int[]> encoder) {
        return chunk(parts, encoder, TextualInversions.NONE);
    }

    /**
     * As {@link #chunk(List, Function)}, with textual-inversion embeddings: where a part's tokens spell an
     * embedding's name, its vectors take as many positions as they are (placeholder id 0, the part's
     * weight), as A1111's {@code tokenize_line}; an embedding that does not fit in the current chunk
     * starts the next one.
     */
    public List<TokenChunk> chunk(List<PromptPart> parts, Function<String, int[]> encoder, TextualInversions embeddings) {
        EmbeddingLookup lookup = new EmbeddingLookup(embeddings.names(), encoder);
        List<TokenChunk> chunks = new ArrayList<>();
        int[] ids = new int[CHUNK_TOKENS];
        float[] weights = new float[CHUNK_TOKENS];
        List<EmbeddingSlot> slots = new ArrayList<>();
        int size = 0;
        int lastComma = -1;

        for (PromptPart part : parts) {
            if (part.isBreak()) {
                chunks.add(frame(ids, weights, size, slots));
                slots.clear();
                size = 0;
                lastComma = -1;
                continue;
            }
            float weight = (float) part.weight();
            int[] tokens = encoder.apply(part.text());
            for (int at = 0; at < tokens.length; ) {
                EmbeddingLookup.Match match = lookup.isEmpty() ? null : lookup.at(tokens, at);
                if (match != null) {
                    float[][] vectors = embeddings.vectors(match.name());
                    if (vectors.length > CHUNK_TOKENS) {
                        throw new studio.engine.api.InvalidRequestException("the embedding '" + match.name() + "' has "
                                + vectors.length + " vectors, more than the " + CHUNK_TOKENS + " a prompt chunk holds");
                    }
                    if (size + vectors.length > CHUNK_TOKENS) {
                        chunks.add(frame(ids, weights, size, slots));
                        slots.clear();
                        size = 0;
                        lastComma = -1;
                    }
                    slots.add(new EmbeddingSlot(size, match.name(), vectors));
                    Arrays.fill(ids, size, size + vectors.length, 0);
                    Arrays.fill(weights, size, size + vectors.length, weight);
                    size += vectors.length;
                    at += match.length();
                    continue;
                }
                int token = tokens[at++];
                if (token == commaId) {
                    lastComma = size;
                } else if (size == CHUNK_TOKENS && lastComma >= 0 && size - lastComma <= COMMA_BACKTRACK) {
                    // Close the chunk right after the comma; what followed it opens the next one.
                    int cut = lastComma + 1;
                    int moved = size - cut;
                    List<EmbeddingSlot> kept = new ArrayList<>();
                    List<EmbeddingSlot> carried = new ArrayList<>();
                    for (EmbeddingSlot slot : slots) {
                        (slot.position() >= cut ? carried : kept).add(slot.position() >= cut ? slot.shifted(-cut) : slot);
                    }
                    chunks.add(frame(ids, weights, cut, kept));
                    System.arraycopy(ids, cut, ids, 0, moved);
                    System.arraycopy(weights, cut, weights, 0, moved);
                    slots = carried;
                    size = moved;
                    lastComma = -1;
                }
                if (size == CHUNK_TOKENS) {
                    chunks.add(frame(ids, weights, size, slots));
                    slots.clear();
                    size = 0;
                    lastComma = -1;
                }
                ids[size] = token;
                weights[size] = weight;
                size++;
            }
        }
        if (size > 0 || chunks.isEmpty()) {
            chunks.add(frame(ids, weights, size, slots));
        }
        return List.copyOf(chunks);
    }

    /** Start token, the tokens, end token, padding to 77; every non-prompt position weighs 1. */
    private TokenChunk frame(int[] tokens, float[] tokenWeights, int size, List<EmbeddingSlot> slots) {
        int[] ids = new int[CHUNK_TOKENS + 2];
        float[] weights = new float[CHUNK_TOKENS + 2];
        Arrays.fill(ids, endId);
        Arrays.fill(weights, 1f);
        ids[0] = startId;
        System.arraycopy(tokens, 0, ids, 1, size);
        System.arraycopy(tokenWeights, 0, weights, 1, size);
        // Like A1111, padding starts after the FIRST end token, even one written in the prompt.
        int firstEnd = 1;
        while (ids[firstEnd] != endId) {
            firstEnd++;
        }
        Arrays.fill(ids, firstEnd + 1, ids.length, padId);
        return new TokenChunk(ids, weights, slots.stream().map(slot -> slot.shifted(1)).toList()); // after the start token
    }
}
