package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.engine.api.InvalidRequestException;
import studio.engine.testing.Golden;

/**
 * Shapes and metadata that lie, on the real SD 1.5 key set: each is refused as bad input naming the
 * tensor or key, never a raw "/ by zero", "Index 0 out of bounds" or "JsonPrimitive cannot be cast".
 */
class ModelDetectorValidationTest {
    private static final String U = CheckpointKeys.UNET;
    private static final String ATTN = U + "input_blocks.1.1.";

    static Map<String, long[]> sd15Shapes() throws Exception {
        JsonObject keys = JsonParser.parseString(Files.readString(Golden.root().resolve("sd15_keys.json"))).getAsJsonObject();
        Map<String, long[]> shapes = new HashMap<>();
        for (Map.Entry<String, JsonElement> e : keys.entrySet()) {
            if (!e.getKey().equals("__metadata__")) {
                var dims = e.getValue().getAsJsonObject().getAsJsonArray("shape");
                long[] shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).getAsLong();
                }
                shapes.put(e.getKey(), shape);
            }
        }
        return shapes;
    }

    private static String refusal(Map<String, long[]> shapes, Map<String, String> metadata) {
        return assertThrows(InvalidRequestException.class, () -> ModelDetector.detect(shapes, metadata, null)).getMessage();
    }

    private static String refusal(String tensor, long[] shape) throws Exception {
        Map<String, long[]> s = sd15Shapes();
        s.put(tensor, shape);
        return refusal(s, Map.of());
    }

    private static String configRefusal(String studioConfig) throws Exception {
        return refusal(sd15Shapes(), Map.of("studio.config", studioConfig));
    }

    @Test
    void theValidKeySetIsAccepted() throws Exception {
        assertEquals("SD 1.x", ModelDetector.detect(sd15Shapes(), Map.of(), null).family());
    }

    @Test
    void aZeroChannelConvInIsRefusedByName() throws Exception {
        assertEquals("the U-Net tensor '" + U + "input_blocks.0.0.weight' has shape [0, 4, 3, 3], with a size of 0; "
                + "the checkpoint is damaged", refusal(U + "input_blocks.0.0.weight", new long[] {0, 4, 3, 3}));
        assertEquals("the autoencoder tensor 'first_stage_model.encoder.conv_in.weight' has shape [0, 3, 3, 3], with a "
                + "size of 0; the checkpoint is damaged", refusal("first_stage_model.encoder.conv_in.weight", new long[] {0, 3, 3, 3}));
    }

    @Test
    void scalarAndOneDimensionalTensorsWhereMoreAreNeededAreRefused() throws Exception {
        assertEquals("the U-Net tensor '" + U + "input_blocks.0.0.weight' has shape [320] but must have 4 dimensions; "
                + "the checkpoint is damaged or not a Stable Diffusion model", refusal(U + "input_blocks.0.0.weight", new long[] {320}));
        assertEquals("the U-Net attention tensor '" + ATTN + "transformer_blocks.0.attn2.to_k.weight' has shape [] but "
                + "must have 2 dimensions; the checkpoint is damaged or not a Stable Diffusion model",
                refusal(ATTN + "transformer_blocks.0.attn2.to_k.weight", new long[0]));
        assertEquals("the text encoder tensor 'cond_stage_model.transformer.text_model.embeddings.token_embedding.weight' "
                + "has shape [49408] but must have 2 dimensions; the checkpoint is damaged or not a Stable Diffusion model",
                refusal("cond_stage_model.transformer.text_model.embeddings.token_embedding.weight", new long[] {49408}));
    }

    @Test
    void aMissingAttentionKeyIsNamed() throws Exception {
        Map<String, long[]> s = sd15Shapes();
        s.remove(ATTN + "transformer_blocks.0.attn2.to_k.weight");
        assertEquals("not a Stable Diffusion checkpoint: the U-Net attention tensor '" + ATTN
                + "transformer_blocks.0.attn2.to_k.weight' is missing", refusal(s, Map.of()));
    }

    @Test
    void aLevelWidthThatIsNoMultipleOfTheBaseWidthIsRefused() throws Exception {
        assertEquals("U-Net level 1 is 641 channels wide, not a multiple of the base width 320 (" + U
                + "input_blocks.0.0.weight); the checkpoint is damaged",
                refusal(U + "input_blocks.4.0.in_layers.2.weight", new long[] {641, 641, 3, 3}));
    }

    @Test
    void studioConfigValuesOfTheWrongJsonTypeAreRefusedWithTheKey() throws Exception {
        assertEquals("metadata 'studio.config' must hold a JSON object, found a list [1,2]", configRefusal("[1,2]"));
        assertTrue(configRefusal("{\"unet\":").startsWith("metadata 'studio.config' is not valid JSON: "));
        assertEquals("metadata 'studio.config': key 'unet' must be an object, found 5", configRefusal("{\"unet\":5}"));
        assertEquals("metadata 'studio.config': key 'unet.num_heads' must be a whole number of at least 1, found the "
                + "string \"eight\"", configRefusal("{\"unet\":{\"num_heads\":\"eight\"}}"));
        assertEquals("metadata 'studio.config': key 'text.heads' must be a whole number of at least 1, found a list [12]",
                configRefusal("{\"text\":{\"heads\":[12]}}"));
        assertEquals("metadata 'studio.config': key 'latent_scale' must be a number above 0, found an object {}",
                configRefusal("{\"latent_scale\":{}}"));
        assertEquals("metadata 'studio.config': key 'prediction' must be a string, found 1",
                configRefusal("{\"prediction\":1}"));
    }

    @Test
    void headCountsThatAreZeroNegativeOrDoNotDivideTheWidthAreRefused() throws Exception {
        assertEquals("metadata 'studio.config': key 'unet.num_heads' must be a whole number of at least 1, found 0",
                configRefusal("{\"unet\":{\"num_heads\":0}}"));
        assertEquals("metadata 'studio.config': key 'unet.num_head_channels' must be a whole number of at least 1, "
                + "found -64", configRefusal("{\"unet\":{\"num_head_channels\":-64}}"));
        assertEquals("U-Net attention 320 channels wide cannot be split into 7 heads (from metadata 'studio.config' key "
                + "'unet.num_heads'); the model's configuration does not match its weights",
                configRefusal("{\"unet\":{\"num_heads\":7}}"));
        assertEquals("the text encoder is 768 channels wide, which 5 heads (metadata 'studio.config' key 'text.heads') "
                + "do not divide; the model's configuration does not match its weights",
                configRefusal("{\"text\":{\"heads\":5}}"));
        // LDM's "not set" is still read as not set
        assertEquals(ModelDetector.detect(sd15Shapes(), Map.of(), null).unet(),
                ModelDetector.detect(sd15Shapes(), Map.of("studio.config", "{\"unet\":{\"num_head_channels\":-1}}"), null).unet());
    }

    @Test
    void aLatentScaleThatIsZeroOrNotANumberIsRefused() throws Exception {
        for (String scale : new String[] {"0", "NaN", "-1", "Infinity", "x"}) {
            assertEquals("metadata 'studio.latent_scale' must be a number above 0, found '" + scale + "'",
                    refusal(sd15Shapes(), Map.of("studio.latent_scale", scale)));
        }
    }
}
