package studio.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Request checks that must run before a model is loaded: sampler names and prompt weights. */
class GenerationRequestChecksTest {
    private static GenerationRequest.Builder base() {
        return GenerationRequest.builder().prompt("a cat");
    }

    @Test
    void anUnknownSamplerIsAProblemOfTheRequest() {
        List<String> problems = base().sampler("eulr").build().problems();
        assertEquals(List.of("unknown sampler 'eulr'; choose one of: ddim, euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddpm, lcm"),
                problems);
        assertThrows(InvalidRequestException.class, () -> base().sampler("eulr").build().validated());
    }

    @Test
    void studioNamesAndA1111LabelsAreKnown() {
        assertEquals(List.of(), base().sampler("euler_a").build().problems());
        assertEquals(List.of(), base().sampler("Euler a").build().problems());
    }

    @Test
    void anOverflowingEmphasisWeightIsAProblemInEitherPrompt() {
        String huge = "(dog:" + "9".repeat(320) + ")";
        List<String> inPrompt = base().prompt(huge).build().problems();
        assertEquals(1, inPrompt.size(), inPrompt.toString());
        assertTrue(inPrompt.get(0).startsWith("prompt: the emphasis weight"), inPrompt.get(0));
        List<String> inNegative = base().negativePrompt(huge).build().problems();
        assertTrue(inNegative.get(0).startsWith("negative prompt: the emphasis weight"), inNegative.get(0));
    }
}
