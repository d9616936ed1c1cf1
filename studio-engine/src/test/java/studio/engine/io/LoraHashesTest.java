package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.LoraWeight;
import studio.engine.testing.Golden;

/** A1111's "Lora hashes" and the prompt's tags in the PNG parameters. */
class LoraHashesTest {
    private static final Path KOHYA = Golden.root().resolve("lora/kohya_linear.safetensors");

    @Test
    void theShortHashIsTheAddnetHashNotTheWholeFilesSha256() {
        // hashlib.sha256(bytes[8 + header length:]).hexdigest()[:12] in Python; the whole file's would be ea91e749234d
        assertEquals("b73c990ffece", LoraHashes.shortHash(KOHYA));
    }

    @Test
    void parametersKeepTheTagsAddTheOptionsLorasAndListTheHashes() {
        GenerationRequest request = GenerationRequest.builder().prompt("a cat <lora:kohya_linear:0.8>")
                .loras(List.of(LoraWeight.of("kohya_linear", KOHYA.toString(), 0.8),
                        new LoraWeight("other", KOHYA.toString(), 0.5, 1.0)))
                .build();
        String text = A1111Parameters.format(request, "tiny");
        assertTrue(text.startsWith("a cat <lora:kohya_linear:0.8> <lora:other:1:0.5>\n"), text);
        assertTrue(text.endsWith("Lora hashes: \"kohya_linear: b73c990ffece, other: b73c990ffece\""), text);
        ParsedParameters parsed = A1111Parameters.parse(text);
        assertEquals(Map.of("kohya_linear", "b73c990ffece", "other", "b73c990ffece"), parsed.loraHashes());
        assertEquals("a cat <lora:kohya_linear:0.8> <lora:other:1:0.5>", parsed.prompt());
    }
}
