package studio.engine.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.engine.api.InvalidRequestException;

/**
 * CLIP's byte-level BPE tokenizer, matching OpenAI's reference {@code simple_tokenizer.py} id for
 * id, with A1111 emphasis and 75-token chunking on top for {@link #encodeWeighted}.
 *
 * <p>Thread-safe: the only mutable state is the synchronized word cache.
 */
public final class ClipTokenizer implements PromptTokenizer {
    public static final String START_OF_TEXT = "<|startoftext|>";
    public static final String END_OF_TEXT = "<|endoftext|>";

    /** What fills a chunk after its end token. */
    public enum PadMode {
        /** Repeat the end token: OpenAI CLIP, Stable Diffusion 1.x. */
        END_OF_TEXT,
        /** Token 0: OpenCLIP, Stable Diffusion 2.x. */
        ZERO
    }

    /**
     * The reference's word split: special tokens, English contractions, letter runs, single digits,
     * runs of other non-space characters. Case-insensitive like the reference, which only matters
     * for characters that lower-casing keeps, such as "ſ" in "'ſ". U+0345 is excluded from the last
     * class because the reference's case-insensitive set treats it as the letter iota it folds to;
     * it then belongs to no alternative and is dropped.
     */
    private static final Pattern WORD = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}\\u0345]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    private final BytePairEncoder bpe;
    /** Also holds the special ids: start, end and pad. */
    private final PromptChunker chunker;

    private ClipTokenizer(BpeVocabulary vocabulary, PadMode padMode, Path dir) {
        this.bpe = new BytePairEncoder(vocabulary);
        int startId = specialId(vocabulary, START_OF_TEXT, dir);
        int endId = specialId(vocabulary, END_OF_TEXT, dir);
        int padId = padMode == PadMode.ZERO ? 0 : endId;
        Integer comma = vocabulary.tokenIds().get("," + BytePairEncoder.END_OF_WORD);
        this.chunker = new PromptChunker(startId, endId, padId, comma == null ? PromptChunker.NO_COMMA : comma);
    }

    /** Loads {@code vocab.json} and {@code merges.txt} from a Hugging Face tokenizer folder, padding as SD 1.x. */
    public static ClipTokenizer load(Path dir) {
        return load(dir, PadMode.END_OF_TEXT);
    }

    /**
     * Loads {@code vocab.json} and {@code merges.txt} from a Hugging Face tokenizer folder.
     *
     * @throws InvalidRequestException naming the missing or malformed file and what to put there
     */
    public static ClipTokenizer load(Path dir, PadMode padMode) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(padMode, "padMode");
        return new ClipTokenizer(BpeVocabulary.readHuggingFace(dir), padMode, dir);
    }

    /**
     * The CLIP vocabulary that ships with the engine (OpenAI CLIP's merge list, MIT): the tokenizer of
     * SD 1.x, SD 2.x and SDXL alike, used for every checkpoint that brings no tokenizer folder.
     */
    public static ClipTokenizer bundled(PadMode padMode) {
        Objects.requireNonNull(padMode, "padMode");
        return new ClipTokenizer(BpeVocabulary.clipBundled(), padMode, Path.of("(bundled CLIP vocabulary)"));
    }

    /** Token ids of the text, without start and end tokens and without emphasis parsing. */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        List<int[]> words = new ArrayList<>();
        int count = 0;
        Matcher matcher = WORD.matcher(ClipTextCleaner.clean(text));
        while (matcher.find()) {
            String word = matcher.group();
            int[] ids = switch (word) {
                case START_OF_TEXT -> new int[] {chunker.startId()};
                case END_OF_TEXT -> new int[] {chunker.endId()};
                default -> bpe.encodeWord(word);
            };
            words.add(ids);
            count += ids.length;
        }
        int[] all = new int[count];
        int at = 0;
        for (int[] ids : words) {
            System.arraycopy(ids, 0, all, at, ids.length);
            at += ids.length;
        }
        return all;
    }

    /**
     * The prompt as 77-token chunks, A1111 style: emphasis parsed ({@link EmphasisParser}), each
     * weighted piece tokenized on its own, then split at 75 tokens ({@link PromptChunker}).
     */
    @Override
    public List<TokenChunk> encodeWeighted(String prompt) {
        return chunker.chunk(EmphasisParser.parse(prompt), this::encode);
    }

    /**
     * With textual inversion: {@code embedding:NAME} is first written as NAME, then every token sequence
     * that spells an embedding's name takes its vectors (see {@link PromptChunker#chunk(List, java.util.function.Function, TextualInversions)}).
     */
    @Override
    public List<TokenChunk> encodeWeighted(String prompt, TextualInversions embeddings) {
        if (embeddings.isEmpty()) {
            return encodeWeighted(prompt);
        }
        return chunker.chunk(EmphasisParser.parse(embeddings.rewriteExplicit(prompt)), this::encode, embeddings);
    }

    @Override
    public int contextLength() {
        return chunker.contextLength();
    }

    /** Counts as {@link #encodeWeighted(String)} chunks (emphasis, BREAK and comma backtracking included). */
    @Override
    public PromptReading read(String prompt) {
        return read(prompt, TextualInversions.NONE);
    }

    /** An embedding counts as its vectors, as A1111's counter has it (an 8-vector embedding takes 8 of the 75). */
    @Override
    public PromptReading read(String prompt, TextualInversions embeddings) {
        return PromptReading.ofWindows(encodeWeighted(prompt, embeddings), chunker.endId(), PromptChunker.CHUNK_TOKENS,
                "tokens", List.of(), Map.of());
    }

    public int startOfTextId() {
        return chunker.startId();
    }

    public int endOfTextId() {
        return chunker.endId();
    }

    public int padId() {
        return chunker.padId();
    }

    private static int specialId(BpeVocabulary vocabulary, String token, Path dir) {
        Integer id = vocabulary.tokenIds().get(token);
        if (id == null) {
            throw new InvalidRequestException(dir.resolve(BpeVocabulary.VOCAB_FILE) + " has no " + token
                    + " token, so it is not a CLIP vocabulary; use the 'tokenizer' folder of a Stable Diffusion model");
        }
        return id;
    }
}
