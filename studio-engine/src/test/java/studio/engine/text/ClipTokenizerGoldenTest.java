package studio.engine.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Token ids equal OpenAI CLIP's reference tokenizer on prompts chosen to hit every cleaning and
 * splitting rule (golden file from tools/reference/tokenizer_golden.py).
 */
class ClipTokenizerGoldenTest {

    @Test
    void idsEqualTheReferenceTokenizer() {
        ClipTokenizer tokenizer = TokenizerFixtures.sd1();
        JsonObject golden = TokenizerFixtures.golden("clip_ids.json");
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : golden.entrySet()) {
            int[] expected = entry.getValue().getAsJsonArray().asList().stream()
                    .mapToInt(JsonElement::getAsInt).toArray();
            int[] actual = tokenizer.encode(entry.getKey());
            if (!Arrays.equals(expected, actual)) {
                mismatches.add("prompt " + escape(entry.getKey()) + "\n  expected " + Arrays.toString(expected)
                        + "\n  actual   " + Arrays.toString(actual));
            }
        }
        assertTrue(golden.size() >= 30, "golden file holds only " + golden.size() + " prompts");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + golden.size() + " prompts differ:\n"
                + String.join("\n", mismatches));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? Character.toString(cp)
                : String.format("\\u{%X}", cp)));
        return out.append('"').toString();
    }
}
