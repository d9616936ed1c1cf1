package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.model.DiffusionModel;
import studio.engine.text.EmbeddingSlot;
import studio.engine.text.PromptWeighting;
import studio.engine.text.TextualInversions;
import studio.engine.text.TokenChunk;

/**
 * Prompt → text context. Each 77-token window is encoded separately and the windows are concatenated
 * along the token axis (AUTOMATIC1111's long-prompt rule); emphasis weights scale the hidden states,
 * which are then rescaled to keep their original mean (again A1111's rule).
 */
public final class TextConditioning {
    private TextConditioning() {
    }

    /** The prompt and negative prompt encoded to equal lengths, so CFG can batch them: [uncond, cond]. */
    public static NDArray[] encodePair(DiffusionModel model, String prompt, String negative, int clipSkip,
                                       NDManager manager) {
        return encodePair(model, prompt, negative, clipSkip, TextualInversions.NONE, manager);
    }

    /** As above, with the textual-inversion embeddings prompt and negative prompt may name. */
    public static NDArray[] encodePair(DiffusionModel model, String prompt, String negative, int clipSkip,
                                       TextualInversions embeddings, NDManager manager) {
        List<TokenChunk> cond = withinLimit("prompt", model.tokenizer().encodeWeighted(prompt, embeddings),
                model.tokenizer().contextLength());
        List<TokenChunk> uncond = withinLimit("negative prompt", model.tokenizer().encodeWeighted(negative, embeddings),
                model.tokenizer().contextLength());
        // The shorter side is padded with windows of the empty prompt, as A1111 does.
        TokenChunk empty = model.tokenizer().encodeWeighted("").get(0);
        while (cond.size() < uncond.size()) {
            cond = append(cond, empty);
        }
        while (uncond.size() < cond.size()) {
            uncond = append(uncond, empty);
        }
        return new NDArray[] {encode(model, uncond, clipSkip, manager), encode(model, cond, clipSkip, manager)};
    }

    /**
     * The chunks, when they fill at most {@link GenerationRequest#MAX_PROMPT_TOKENS} token positions
     * (start and end tokens not counted, as A1111 counts its 75 per chunk).
     */
    static List<TokenChunk> withinLimit(String which, List<TokenChunk> chunks, int contextLength) {
        int perChunk = contextLength - 2;
        long positions = (long) chunks.size() * perChunk;
        if (positions > GenerationRequest.MAX_PROMPT_TOKENS) {
            throw new InvalidRequestException("the " + which + " fills " + chunks.size() + " chunks of " + perChunk
                    + " tokens (" + positions + " tokens), over the limit of " + GenerationRequest.MAX_PROMPT_TOKENS
                    + ": each chunk is one more text-encoder pass and lengthens every cross-attention at every step;"
                    + " shorten it");
        }
        return chunks;
    }

    private static List<TokenChunk> append(List<TokenChunk> chunks, TokenChunk extra) {
        List<TokenChunk> out = new ArrayList<>(chunks);
        out.add(extra);
        return out;
    }

    /** (1, 77·chunks, width). */
    public static NDArray encode(DiffusionModel model, List<TokenChunk> chunks, int clipSkip, NDManager manager) {
        NDList parts = new NDList();
        for (TokenChunk chunk : chunks) {
            long[] ids = new long[chunk.ids().length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = chunk.ids()[i];
            }
            NDArray idArray = manager.create(ids, new Shape(1, ids.length));
            NDArray hidden = chunk.embeddings().isEmpty() ? model.textEncoder().encode(idArray, clipSkip)
                    : model.textEncoder().encodeEmbeddings(withEmbeddings(model.textEncoder().embedTokens(idArray),
                            chunk.embeddings(), manager), clipSkip);
            parts.add(isPlain(chunk.weights()) ? hidden : PromptWeighting.apply(hidden, chunk.weights()));
        }
        return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 1);
    }

    /**
     * Token embeddings (1, T, width) with each slot's rows replaced by its vectors, before position
     * embeddings are added (A1111's {@code EmbeddingsWithFixes}).
     */
    static NDArray withEmbeddings(NDArray tokens, List<EmbeddingSlot> slots, NDManager manager) {
        long width = tokens.getShape().get(2);
        long length = tokens.getShape().get(1);
        NDList parts = new NDList();
        long at = 0;
        for (EmbeddingSlot slot : slots) {
            float[] flat = new float[(int) (slot.length() * width)];
            for (int i = 0; i < slot.length(); i++) {
                if (slot.vectors()[i].length != width) {
                    throw new InvalidRequestException("the embedding '" + slot.name() + "' has vectors of width "
                            + slot.vectors()[i].length + ", the text encoder's are " + width + " wide");
                }
                System.arraycopy(slot.vectors()[i], 0, flat, (int) (i * width), (int) width);
            }
            if (slot.position() > at) {
                parts.add(tokens.get(":, " + at + ":" + slot.position()));
            }
            parts.add(manager.create(flat, new Shape(1, slot.length(), width)));
            at = slot.position() + slot.length();
        }
        if (at < length) {
            parts.add(tokens.get(":, " + at + ":"));
        }
        return NDArrays.concat(parts, 1);
    }

    private static boolean isPlain(float[] weights) {
        for (float w : weights) {
            if (w != 1f) {
                return false;
            }
        }
        return true;
    }
}
