package studio.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.Progress;

/** What can be checked without the model is refused before the model loads (which can take minutes). */
class ValidateFirstTest {
    @Test
    void anUnknownSamplerIsRefusedBeforeTheModelLoads() {
        try (ModelRepository models = new ModelRepository(id -> {
            throw new AssertionError("the model was loaded for a request that names an unknown sampler");
        })) {
            GenerationRequest r = GenerationRequest.builder().prompt("x").sampler("heun").modelId("/models/big.safetensors")
                    .build();
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> new StableDiffusionGenerator(models).generate(r, Progress.NONE));
            assertEquals("unknown sampler 'heun'; choose one of: ddim, euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddpm, lcm",
                    e.getMessage());
        }
    }
}
