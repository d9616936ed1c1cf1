package studio.engine.text;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import studio.engine.api.InvalidRequestException;

/**
 * A byte-level BPE vocabulary read from a Hugging Face tokenizer folder: {@code vocab.json}
 * (token -> id) and {@code merges.txt} (one merge "a b" per line, in rank order).
 *
 * @param tokenIds   every token string and its id
 * @param mergeRanks "a b" -> rank; a lower rank merges first
 */
record BpeVocabulary(Map<String, Integer> tokenIds, Map<String, Integer> mergeRanks) {
    static final String VOCAB_FILE = "vocab.json";
    static final String MERGES_FILE = "merges.txt";

    /** The fix for every problem below: the two files of a real CLIP tokenizer in that folder. */
    private static String whatToDo(Path dir) {
        return "copy vocab.json and merges.txt of a CLIP tokenizer (the 'tokenizer' folder of a diffusers"
                + " Stable Diffusion model) into " + dir + ", or choose the folder that holds them";
    }

    /** Reads and cross-checks both files, so that encoding can never meet an unknown symbol. */
    static BpeVocabulary readHuggingFace(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidRequestException("tokenizer folder " + dir + " does not exist; " + whatToDo(dir));
        }
        Map<String, Integer> tokenIds = readVocab(dir.resolve(VOCAB_FILE));
        Map<String, Integer> mergeRanks = readMerges(dir.resolve(MERGES_FILE), tokenIds);
        for (String symbol : BytePairEncoder.byteSymbols()) {
            for (String token : new String[] {symbol, symbol + BytePairEncoder.END_OF_WORD}) {
                if (!tokenIds.containsKey(token)) {
                    throw new InvalidRequestException(dir.resolve(VOCAB_FILE) + " lacks the byte token '" + token
                            + "' that every byte-level BPE vocabulary has; it is not a CLIP vocabulary. "
                            + whatToDo(dir));
                }
            }
        }
        return new BpeVocabulary(Map.copyOf(tokenIds), Map.copyOf(mergeRanks));
    }

    /** The CLIP vocabulary shipped in the engine's resources (see its README and LICENSE there). */
    static final String BUNDLED_RESOURCE = "/studio/engine/text/clip/bpe_simple_vocab_16e6.txt.gz";
    /** CLIP uses the first 49152 − 256 − 2 merges of the file (the rest would overflow its 49408 ids). */
    private static final int CLIP_MERGES = 49152 - 256 - 2;

    /**
     * CLIP's own vocabulary, built from the bundled merge list exactly as CLIP's {@code SimpleTokenizer}
     * builds it: the 256 byte symbols in CLIP's order, the same with {@code </w>}, one token per merge,
     * then the two special tokens. No single-file checkpoint carries a tokenizer, so this is what they use.
     */
    static BpeVocabulary clipBundled() {
        return BundledHolder.VOCABULARY;
    }

    /** Read once per process, on first use: every model that needs it shares the same immutable maps. */
    private static final class BundledHolder {
        static final BpeVocabulary VOCABULARY = readBundled();
    }

    private static BpeVocabulary readBundled() {
        List<String> merges = new ArrayList<>(CLIP_MERGES);
        try (InputStream raw = BpeVocabulary.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the engine jar lacks " + BUNDLED_RESOURCE + "; the build is broken");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            reader.readLine(); // a version line
            for (String line = reader.readLine(); line != null && merges.size() < CLIP_MERGES; line = reader.readLine()) {
                merges.add(line);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled CLIP vocabulary " + BUNDLED_RESOURCE, e);
        }
        List<String> tokens = new ArrayList<>(49408);
        List<String> bytes = clipByteOrder();
        tokens.addAll(bytes);
        bytes.forEach(b -> tokens.add(b + BytePairEncoder.END_OF_WORD));
        merges.forEach(m -> tokens.add(m.replace(" ", "")));
        tokens.add(ClipTokenizer.START_OF_TEXT);
        tokens.add(ClipTokenizer.END_OF_TEXT);
        Map<String, Integer> tokenIds = new HashMap<>(1 << 17);
        for (int i = 0; i < tokens.size(); i++) {
            tokenIds.put(tokens.get(i), i);
        }
        Map<String, Integer> mergeRanks = new HashMap<>(1 << 17);
        for (int i = 0; i < merges.size(); i++) {
            mergeRanks.put(merges.get(i), i);
        }
        return new BpeVocabulary(Map.copyOf(tokenIds), Map.copyOf(mergeRanks));
    }

    /**
     * The byte symbols in the order CLIP lists them (GPT-2's {@code bytes_to_unicode}): the printable
     * bytes '!'..'~', '¡'..'¬', '®'..'ÿ' first, then every other byte in increasing order.
     */
    private static List<String> clipByteOrder() {
        List<String> symbols = BytePairEncoder.byteSymbols();
        List<String> printable = new ArrayList<>(256);
        List<String> rest = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            boolean isPrintable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            (isPrintable ? printable : rest).add(symbols.get(b));
        }
        printable.addAll(rest);
        return printable;
    }

    private static Map<String, Integer> readVocab(Path file) {
        requireFile(file);
        Map<String, Integer> ids = new HashMap<>(1 << 17);
        try (JsonReader json = new JsonReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            json.beginObject();
            while (json.hasNext()) {
                String token = json.nextName();
                if (json.peek() != JsonToken.NUMBER) {
                    throw new InvalidRequestException(file + ": the id of token '" + token + "' is " + json.peek()
                            + ", not a number (at " + json.getPath() + "); " + whatToDo(file.getParent()));
                }
                ids.put(token, json.nextInt());
            }
            json.endObject();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException(file + " is not UTF-8 text; " + whatToDo(file.getParent()), e);
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new InvalidRequestException(file + " is not a JSON object of token -> id (" + e.getMessage()
                    + "); " + whatToDo(file.getParent()), e);
        }
        if (ids.isEmpty()) {
            throw new InvalidRequestException(file + " holds no tokens; " + whatToDo(file.getParent()));
        }
        return ids;
    }

    private static Map<String, Integer> readMerges(Path file, Map<String, Integer> tokenIds) {
        requireFile(file);
        Map<String, Integer> ranks = new HashMap<>(1 << 17);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            int rank = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isEmpty() || (lineNumber == 1 && line.startsWith("#version"))) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
                    throw new InvalidRequestException(file + " line " + lineNumber
                            + ": expected two symbols separated by one space, found '" + line + "'; "
                            + whatToDo(file.getParent()));
                }
                String merged = line.substring(0, space) + line.substring(space + 1);
                if (!tokenIds.containsKey(merged)) {
                    throw new InvalidRequestException(file + " line " + lineNumber + ": the merge '" + line
                            + "' makes '" + merged + "', which " + VOCAB_FILE
                            + " lacks; the two files come from different tokenizers. " + whatToDo(file.getParent()));
                }
                // Like the reference, a merge listed twice keeps the rank of its last line.
                ranks.put(line, rank++);
            }
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException(file + " is not UTF-8 text; " + whatToDo(file.getParent()), e);
        } catch (IOException e) {
            throw new InvalidRequestException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (ranks.isEmpty()) {
            throw new InvalidRequestException(file + " holds no merges; " + whatToDo(file.getParent()));
        }
        return ranks;
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException(file + " is missing; " + whatToDo(file.getParent()));
        }
    }
}
