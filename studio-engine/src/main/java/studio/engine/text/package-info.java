/**
 * Prompt text to text-encoder input. {@link studio.engine.text.EmphasisParser} reads A1111's
 * {@code (word:1.2)} syntax into weighted parts, a {@link studio.engine.text.PromptTokenizer}
 * ({@link studio.engine.text.ClipTokenizer} for CLIP models) turns them into 77-token
 * {@link studio.engine.text.TokenChunk}s, and after the text encoder
 * {@link studio.engine.text.PromptWeighting} applies each token's weight to its hidden state.
 */
package studio.engine.text;
