package studio.engine.text;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import studio.engine.api.InvalidRequestException;

/**
 * The default model's tokenizer: one id per lowercase word of the training captions. Ids 0-3 are the
 * special tokens {@code <pad>}, {@code <bos>}, {@code <eos>}, {@code <unk>}; the words follow in sorted
 * order, so the same captions always give the same ids. Text is normalised by {@link #normalise}, which the
 * training captions also go through, so "Red Apple, Noto style!" encodes as "red apple noto style".
 */
public final class WordVocabulary {
    public static final String PAD = "<pad>";
    public static final String BOS = "<bos>";
    public static final String EOS = "<eos>";
    public static final String UNK = "<unk>";
    public static final int PAD_ID = 0;
    public static final int BOS_ID = 1;
    public static final int EOS_ID = 2;
    public static final int UNK_ID = 3;
    static final String FORMAT = "latent-studio-word-vocabulary-1";

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`]");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");
    static final List<String> SPECIALS = List.of(PAD, BOS, EOS, UNK);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private WordVocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < this.tokens.size(); i++) {
            if (map.put(this.tokens.get(i), i) != null) {
                throw new IllegalArgumentException("token '" + this.tokens.get(i) + "' appears twice");
            }
        }
        this.ids = map;
    }

    /** The vocabulary of all words in the texts. */
    public static WordVocabulary fromTexts(Collection<String> texts) {
        TreeSet<String> words = new TreeSet<>();
        texts.forEach(t -> words.addAll(words(t)));
        List<String> tokens = new ArrayList<>(SPECIALS);
        tokens.addAll(words);
        return new WordVocabulary(tokens);
    }

    /** The words of a text after caption normalisation: "Red Apple, Noto style" -> [red, apple, noto, style]. */
    public static List<String> words(String text) {
        String clean = normalise(text);
        return clean.isEmpty() ? List.of() : Arrays.asList(clean.split(" "));
    }

    /**
     * Lowercase ASCII words separated by single spaces: accents drop ("piñata" -> "pinata"), apostrophes
     * join ("o’clock" -> "oclock"), anything else that is not a letter or digit separates words.
     */
    public static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFD);
        s = COMBINING_MARKS.matcher(s).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        s = APOSTROPHES.matcher(s).replaceAll("");
        return NOT_WORD.matcher(s).replaceAll(" ").trim();
    }

    public int size() {
        return tokens.size();
    }

    /** The id of a token, {@link #UNK_ID} when unknown. */
    public int id(String token) {
        return ids.getOrDefault(token, UNK_ID);
    }

    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + tokens.size());
        }
        return tokens.get(id);
    }

    public List<String> tokens() {
        return tokens;
    }

    /** {@code <bos>}, the word ids, {@code <eos>}. */
    public int[] encode(String text) {
        List<String> words = words(text);
        int[] out = new int[words.size() + 2];
        out[0] = BOS_ID;
        for (int i = 0; i < words.size(); i++) {
            out[i + 1] = id(words.get(i));
        }
        out[out.length - 1] = EOS_ID;
        return out;
    }

    /**
     * Exactly {@code length} ids for a fixed-context text encoder: {@code <bos>} words {@code <eos>}
     * then {@code <pad>}; words past the end are cut, but {@code <eos>} always stays.
     */
    public int[] encode(String text, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("context length must fit <bos> and <eos>, got " + length);
        }
        int[] ids = encode(text);
        int[] out = new int[length]; // zeros are <pad>
        int n = Math.min(ids.length, length);
        System.arraycopy(ids, 0, out, 0, n);
        out[n - 1] = EOS_ID;
        return out;
    }

    /** The words of ids, without special tokens, joined by spaces; unknown words read as {@code <unk>}. */
    public String decode(int[] tokenIds) {
        List<String> words = new ArrayList<>();
        for (int id : tokenIds) {
            if (id == PAD_ID || id == BOS_ID || id == EOS_ID) {
                continue;
            }
            words.add(token(id));
        }
        return String.join(" ", words);
    }

    public void save(Path file) throws IOException {
        Files.writeString(file, GSON.toJson(new Stored(FORMAT, tokens)) + "\n", StandardCharsets.UTF_8);
    }

    public static WordVocabulary load(Path file) throws IOException {
        Stored stored;
        try {
            stored = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
        } catch (JsonParseException e) {
            throw new InvalidRequestException("vocabulary " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (stored == null || !FORMAT.equals(stored.format) || stored.tokens == null) {
            throw new InvalidRequestException("vocabulary " + file + " is not a " + FORMAT
                    + " file: expected {\"format\": \"" + FORMAT + "\", \"tokens\": [...]}");
        }
        if (stored.tokens.size() < SPECIALS.size() || !stored.tokens.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw new InvalidRequestException("vocabulary " + file + " must start with the special tokens " + SPECIALS);
        }
        try {
            return new WordVocabulary(stored.tokens);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("vocabulary " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordVocabulary other && other.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "WordVocabulary[" + tokens.size() + " tokens]";
    }

    /** The JSON shape on disk. */
    private static final class Stored {
        String format;
        List<String> tokens;

        Stored(String format, List<String> tokens) {
            this.format = format;
            this.tokens = Collections.unmodifiableList(tokens);
        }
    }
}
