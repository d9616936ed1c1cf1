package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.engine.api.SizeRule;
import studio.engine.nn.unet.UNetConfig;

/** The attention estimate behind each model's pixel budget. */
class AttentionMemoryTest {
    private static final long GB = 1L << 30;
    /** The built-in model: 4x VAE, U-Net attention (4 heads) at 1/2 and 1/4 of the latent. */
    private static final AttentionMemory BUILT_IN = new AttentionMemory(
            new UNetConfig(4, 4, 64, new int[] {1, 2, 2}, 1, new int[] {2, 4}, 4, -1, 1, 128, false), 4);
    private static final AttentionMemory SD15 = new AttentionMemory(UNetConfig.sd15(), 8);

    @Test
    void sd15At512NeedsThreeCopiesOfItsScores() {
        // 64x64 latents = 4096 tokens, 8 heads, uncond+cond, three copies, float32.
        assertEquals(4096L * 4096 * 8 * 2 * 3 * 4, SD15.bytes(512, 512));
        assertEquals(16 * SD15.bytes(512, 512), SD15.bytes(1024, 1024), "the fourth power of the side");
    }

    @Test
    void theBuiltInModelsLargestAttentionIsItsVaesAtLatentResolution() {
        long latents = (256 / 4) * (256 / 4);
        assertEquals(latents * latents * 3 * 4, BUILT_IN.bytes(256, 256));
    }

    @Test
    void budgetIsTheLargestAreaThatFits() {
        long pixels = SD15.maxPixels(4 * GB);
        int side = (int) Math.sqrt((double) pixels);
        assertTrue(SD15.bytes(side, side) <= 4 * GB && SD15.bytes(side + 8, side + 8) > 4 * GB, "side " + side);
        assertTrue(side >= 512 && side < 640, "SD 1.5 in 4 GB: 512 fits, 640 does not; got " + side);
    }

    @Test
    void fourKIsOverTheBuiltInModelsBudgetOnAnyMachineWithLessThanATerabyte() {
        SizeRule rule = SizeRule.of(4).withPixelBudget(BUILT_IN.maxPixels(512 * GB), BUILT_IN.budgetReason(512 * GB));
        assertTrue(rule.problems(512, 512).isEmpty());
        String problem = rule.problems(4096, 4096).get(0);
        assertTrue(problem.startsWith("4096x4096 is 16,777,216 pixels, over this model's budget of "), problem);
        assertTrue(problem.endsWith("(512.0 GB, half of this machine's memory); make it smaller"), problem);
    }

    @Test
    void theMachinesMemoryIsRead() {
        assertTrue(AttentionMemory.machineBytes() > GB, "at least a gigabyte: " + AttentionMemory.machineBytes());
    }
}
