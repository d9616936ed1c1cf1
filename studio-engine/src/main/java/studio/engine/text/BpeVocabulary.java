package studio.engine.text;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
