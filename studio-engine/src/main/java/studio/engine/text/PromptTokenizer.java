package studio.engine.text;

import java.util.List;

/** Turns a prompt into one or more fixed-length windows of token ids for the text encoder. */
public interface PromptTokenizer {
    List<TokenChunk> encodeWeighted(String prompt);

    int contextLength();
}
