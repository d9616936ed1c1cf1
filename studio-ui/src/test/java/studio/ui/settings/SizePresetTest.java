package studio.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.ui.models.ModelEntry;

/** The size picker offers the sizes a model was trained at, by its detected family. */
class SizePresetTest {
    @Test
    void sdxlGetsItsMegapixelBucketsAndTheirTransposes() {
        List<SizePreset> xl = SizePreset.forFamily("SDXL");
        assertEquals(List.of(new SizePreset(1024, 1024), new SizePreset(896, 1152), new SizePreset(1152, 896),
                new SizePreset(832, 1216), new SizePreset(1216, 832), new SizePreset(768, 1344),
                new SizePreset(1344, 768)), xl);
        assertEquals(xl, SizePreset.forFamily("SDXL inpainting"));
        assertTrue(xl.stream().allMatch(p -> p.width() % 64 == 0 && p.height() % 64 == 0));
    }

    @Test
    void sdOneAndTwoAre512BasedAndTheBuiltInModelSmall() {
        assertEquals(new SizePreset(512, 512), SizePreset.forFamily("SD 1.x").get(0));
        assertEquals(SizePreset.forFamily("SD 1.x"), SizePreset.forFamily("SD 2.x"));
        assertTrue(SizePreset.forFamily("SD 1.x").stream().noneMatch(p -> p.width() * p.height() > 768 * 768));
        assertEquals(List.of(new SizePreset(64, 64), new SizePreset(128, 128), new SizePreset(256, 256)),
                SizePreset.forFamily(ModelEntry.DEFAULT.family()));
        assertEquals(SizePreset.ALL, SizePreset.forFamily(new ModelEntry("x", "x", "not checked yet").family()));
    }
}
