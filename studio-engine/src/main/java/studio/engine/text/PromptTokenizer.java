package studio.engine.text;

import java.util.List;

/**
 * Turns a prompt, emphasis syntax included, into the fixed-size windows a text encoder reads. CLIP
 * models use {@link ClipTokenizer}; a model with its own word-level vocabulary plugs in here.
 */
public interface PromptTokenizer {
    /** At least one chunk; each has {@link #contextLength()} ids and weights. */
    List<TokenChunk> encodeWeighted(String prompt);

    /**
     * As {@link #encodeWeighted(String)}, with prompt words that name textual-inversion embeddings
     * replaced by their vectors. Tokenizers without embedding support ignore them.
     */
    default List<TokenChunk> encodeWeighted(String prompt, TextualInversions embeddings) {
        return encodeWeighted(prompt);
    }

    /** Positions per chunk, start and end tokens included (77 for CLIP). */
    int contextLength();

    /**
     * The words a word-level vocabulary knows, for completing a prompt as it is typed; empty for CLIP's
     * byte-level BPE, which spells any word.
     */
    default List<String> knownWords() {
        return List.of();
    }

    /** How the prompt fills this tokenizer's windows, for the counter under a prompt box. */
    PromptReading read(String prompt);

    /**
     * As {@link #read(String)}, with each embedding the prompt names taking its vectors' positions, as
     * {@link #encodeWeighted(String, TextualInversions)} places them. Tokenizers without embedding support ignore them.
     */
    default PromptReading read(String prompt, TextualInversions embeddings) {
        return read(prompt);
    }
}
