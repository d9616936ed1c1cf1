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
import studio.engine.nn.clip.TextEncoder;
import studio.engine.nn.unet.UNetModel;
import studio.engine.sampling.Conditioning;
import studio.engine.text.EmbeddingSlot;
import studio.engine.text.PromptTokenizer;
import studio.engine.text.PromptWeighting;
import studio.engine.text.TextualInversions;
import studio.engine.text.TokenChunk;

/**
 * Prompt → conditioning. Each 77-token window is encoded separately and the windows are concatenated
 * along the token axis (AUTOMATIC1111's long-prompt rule); emphasis weights scale the hidden states,
 * which are then rescaled to keep their original mean (again A1111's rule).
 *
 * <p>SDXL has two encoders, each with its own tokenizer (CLIP-L pads with end-of-text, OpenCLIP with 0)
 * and both following those rules: the context is CLIP-L's features then bigG's, concatenated per token;
 * the vector {@code y} is bigG's pooled output of the first window (unweighted, as A1111) followed by
 * the sinusoidal embeddings of original size (h, w), crop (top, left) and target size (h, w). An empty
 * negative prompt is encoded as the empty string, never zeroed.
 */
public final class TextConditioning {
    private TextConditioning() {
    }

    /**
     * The prompt and negative prompt encoded to equal lengths, so CFG can batch them: [uncond, cond].
     * {@code width} and {@code height} are the image's, for SDXL's size conditioning (original = target, no crop).
     */
    public static Conditioning[] encodePair(DiffusionModel model, String prompt, String negative, int clipSkip,
                                            int width, int height, NDManager manager) {
        return encodePair(model, prompt, negative, clipSkip, TextualInversions.NONE, TextualInversions.NONE, width,
                height, manager);
    }

    /**
     * As above, with the textual-inversion embeddings prompt and negative prompt may name: {@code first}
     * for the (first) text encoder, {@code second} for SDXL's second (an SDXL embedding's clip_l and
     * clip_g vectors; both encoders see the word at the same token positions).
     */
    public static Conditioning[] encodePair(DiffusionModel model, String prompt, String negative, int clipSkip,
                                            TextualInversions first, TextualInversions second, int width, int height,
                                            NDManager manager) {
        NDArray[] hidden = encodePair(model.tokenizer(), model.textEncoder(), prompt, negative, clipSkip, first,
                manager, null);
        if (model.second() == null) {
            return new Conditioning[] {Conditioning.of(hidden[0]), Conditioning.of(hidden[1])};
        }
        NDArray[] pooled = new NDArray[2];
        NDArray[] secondHidden = encodePair(model.second().tokenizer(), model.second().encoder(), prompt, negative,
                clipSkip, second, manager, pooled);
        NDArray sizes = sizeEmbedding(model, width, height, pooled[0], manager);
        Conditioning[] out = new Conditioning[2];
        for (int i = 0; i < 2; i++) {
            if (hidden[i].getShape().get(1) != secondHidden[i].getShape().get(1)) {
                throw new IllegalStateException("the two text encoders' tokenizers split the prompt into different "
                        + "numbers of chunks (" + hidden[i].getShape() + ", " + secondHidden[i].getShape() + ")");
            }
            out[i] = new Conditioning(hidden[i].concat(secondHidden[i], 2), pooled[i].concat(sizes, 1));
        }
        return out;
    }

    /**
     * [uncond, cond] of one encoder; {@code pooledOut}, when given, receives the pooled vectors of the
     * first windows.
     */
    private static NDArray[] encodePair(PromptTokenizer tokenizer, TextEncoder encoder, String prompt, String negative,
                                        int clipSkip, TextualInversions embeddings, NDManager manager,
                                        NDArray[] pooledOut) {
        List<TokenChunk> cond = withinLimit("prompt", tokenizer.encodeWeighted(prompt, embeddings),
                tokenizer.contextLength());
        List<TokenChunk> uncond = withinLimit("negative prompt", tokenizer.encodeWeighted(negative, embeddings),
                tokenizer.contextLength());
        // The shorter side is padded with windows of the empty prompt, as A1111 does.
        TokenChunk empty = tokenizer.encodeWeighted("").get(0);
        while (cond.size() < uncond.size()) {
            cond = append(cond, empty);
        }
        while (uncond.size() < cond.size()) {
            uncond = append(uncond, empty);
        }
        NDArray[] pooled = new NDArray[1];
        NDArray u = encode(encoder, uncond, clipSkip, manager, pooled);
        if (pooledOut != null) {
            pooledOut[0] = pooled[0];
        }
        NDArray c = encode(encoder, cond, clipSkip, manager, pooled);
        if (pooledOut != null) {
            pooledOut[1] = pooled[0];
        }
        return new NDArray[] {u, c};
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

    /** (1, 77·chunks, width) through the model's (first) text encoder. */
    public static NDArray encode(DiffusionModel model, List<TokenChunk> chunks, int clipSkip, NDManager manager) {
        return encode(model.textEncoder(), chunks, clipSkip, manager, null);
    }

    private static NDArray encode(TextEncoder encoder, List<TokenChunk> chunks, int clipSkip, NDManager manager,
                                  NDArray[] pooledOut) {
        NDList parts = new NDList();
        for (TokenChunk chunk : chunks) {
            long[] ids = new long[chunk.ids().length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = chunk.ids()[i];
            }
            NDArray idArray = manager.create(ids, new Shape(1, ids.length));
            TextEncoder.Encoding e = chunk.embeddings().isEmpty() ? encoder.encodeWithPooled(idArray, clipSkip)
                    : encoder.encodeEmbeddings(withEmbeddings(encoder.embedTokens(idArray), chunk.embeddings(), manager),
                            idArray, clipSkip);
            if (pooledOut != null && parts.isEmpty()) {
                pooledOut[0] = e.pooled();
            }
            NDArray hidden = e.hidden();
            parts.add(isPlain(chunk.weights()) ? hidden : PromptWeighting.apply(hidden, chunk.weights()));
        }
        return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 1);
    }

    /**
     * SDXL's size part of y: original (h, w), crop (top, left) = (0, 0), target (h, w), each number
     * embedded sinusoidally (cos half first) to the width left over after the pooled vector.
     */
    static NDArray sizeEmbedding(DiffusionModel model, int width, int height, NDArray pooled, NDManager manager) {
        int each = (int) ((model.unet().config().admInChannels() - pooled.getShape().get(1)) / 6);
        NDArray values = manager.create(new float[] {height, width, 0, 0, height, width});
        NDArray emb = UNetModel.timestepEmbedding(values, each); // (6, each)
        return emb.reshape(1, 6L * each);
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
