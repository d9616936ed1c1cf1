package studio.engine.text;

/** One encoder window of token ids (BOS, up to 75 tokens, EOS, padding) with a weight per position. */
public record TokenChunk(int[] ids, float[] weights) {
}
