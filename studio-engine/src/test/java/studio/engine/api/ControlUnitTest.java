package studio.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.image.RgbImage;

/** ControlNet settings mean what they mean in sd-webui-controlnet, and bad ones are refused in words. */
class ControlUnitTest {
    private static final ControlUnit UNIT = ControlUnit.of("cn.safetensors", RgbImage.filled(8, 8, 0), "none");

    @Test
    void startAndEndAreInclusiveFractionsOfTheSteps() {
        ControlUnit u = UNIT.withRange(0.2, 0.6);
        boolean[] expected = {false, false, true, true, true, true, true, false, false, false};
        for (int i = 0; i < 10; i++) {
            assertEquals(expected[i], u.controls(i, 10), "step " + i + " of 10");
        }
        ControlUnit firstOnly = UNIT.withRange(0, 0);
        assertTrue(firstOnly.controls(0, 20));
        assertFalse(firstOnly.controls(1, 20));
        assertTrue(UNIT.withRange(0, 1).controls(19, 20));
    }

    @Test
    void modesParseByNameAndByA1111Label() {
        assertEquals(ControlMode.PROMPT, ControlMode.parse("prompt"));
        assertEquals(ControlMode.CONTROL, ControlMode.parse("ControlNet is more important"));
        assertEquals(ControlMode.BALANCED, ControlMode.parse(" Balanced "));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ControlMode.parse("strong"));
        assertTrue(e.getMessage().contains("balanced, prompt, control"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheControl() {
        GenerationRequest r = GenerationRequest.builder().size(64, 64).controls(List.of(UNIT,
                UNIT.withRange(0.8, 0.3).withWeight(3), new ControlUnit("x", null, "depth", 1, 0, 1, null, 300, 100)))
                .build();
        List<String> p = r.problems();
        assertTrue(p.contains("control 1: weight must be between 0 and 2, got 3.0"), p.toString());
        assertTrue(p.contains("control 1: start 0.8 is after end 0.3; no step would be controlled"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("control 2: no control image")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("control 2: unknown preprocessor 'depth'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("control 2: canny thresholds")), p.toString());
        assertTrue(p.stream().noneMatch(s -> s.startsWith("control 0")), p.toString());
    }

    @Test
    void atMostFourAtOnce() {
        GenerationRequest r = GenerationRequest.builder().controls(List.of(UNIT, UNIT, UNIT, UNIT, UNIT)).build();
        assertTrue(r.problems().contains("at most 4 ControlNets at once, got 5"), r.problems().toString());
    }
}
