package studio.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelNameTest {
    @Test
    void checkpointFileNameWithoutItsExtension() {
        assertEquals("v1-5-pruned-emaonly", ModelName.of("/models/v1-5-pruned-emaonly.safetensors"));
        assertEquals("Dreamy", ModelName.of("/models/Dreamy.SafeTensors"));
        assertEquals("tiny", ModelName.of("tiny"));
    }

    @Test
    void foldersKeepTheirWholeName() {
        assertEquals("stable-diffusion-v1.5", ModelName.of("/models/stable-diffusion-v1.5"));
    }

    @Test
    void theDefaultModelIsCalledDefault() {
        assertEquals("default", ModelName.of(GenerationRequest.DEFAULT_MODEL));
        assertEquals("default", ModelName.of(null));
    }
}
