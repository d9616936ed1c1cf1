package studio.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.engine.api.SizeRule;
import studio.engine.nn.unet.UNetConfig;

/** The working-memory estimate behind each model's pixel budget. */
class WorkingMemoryTest {
    private static final long GB = 1L << 30;
    /** The built-in model: 4x VAE with 64 base channels, U-Net with 64. */
    private static final WorkingMemory BUILT_IN = new WorkingMemory(
            new UNetConfig(4, 4, 64, new int[] {1, 2, 2}, 1, new int[] {2, 4}, 4, -1, 1, 128, false), 4, 64);
    private static final WorkingMemory SD15 = new WorkingMemory(UNetConfig.sd15(), 8, 128);

    @Test
    void sd15At512IsTheMeasuredFigure() {
        // 64x64 latents x 320 channels x 240 floats, and a 512x512 decode at 128 channels x 4 floats
        long unet = 64L * 64 * 320 * 240 * 4;
        long vae = 512L * 512 * 128 * 4 * 4;
        assertEquals(unet + vae, SD15.bytes(512, 512));
        double gb = SD15.bytes(512, 512) / (double) GB;
        assertTrue(gb > 1.5 && gb < 2.0, "SD 1.5 at 512x512 measured 1.2 GB (U-Net) + 0.4-0.5 GB (decode): " + gb);
    }

    @Test
    void sdxlAt1024IsItsMeasuredFigureAndFitsHalfOfThisMachine() {
        WorkingMemory sdxl = new WorkingMemory(UNetConfig.sdxl(), 8, 128);
        // 128x128 latents x 320 channels x 60 floats (measured 47), and one 64x64-latent decode tile
        long unet = 128L * 128 * 320 * 60 * 4;
        long vae = 512L * 512 * 128 * 4 * 4;
        assertEquals(unet + vae, sdxl.bytes(1024, 1024));
        double gb = sdxl.bytes(1024, 1024) / (double) GB;
        assertTrue(gb > 1.5 && gb < 2.0, "sdxl-1024 measured 0.91 GB (steps) + 1.03 GB (decode): " + gb);
        long pixels = sdxl.maxPixels(11 * GB);
        assertTrue(pixels >= 1024L * 1024, "SDXL's 1024x1024 within half of a 22 GB machine: " + pixels);
    }

    @Test
    void growsWithTheAreaOnceTheDecodeIsTiled() {
        long at1024 = SD15.bytes(1024, 1024);
        long at2048 = SD15.bytes(2048, 2048);
        long tile = 512L * 512 * 128 * 4 * 4; // the decode holds one 64x64-latent tile from 1024 up
        assertEquals(4 * (at1024 - tile), at2048 - tile);
    }

    @Test
    void budgetIsTheLargestAreaThatFits() {
        long pixels = SD15.maxPixels(8 * GB);
        int side = (int) Math.sqrt((double) pixels);
        assertTrue(SD15.bytes(side, side) <= 8 * GB && SD15.bytes(side + 8, side + 8) > 8 * GB, "side " + side);
        assertTrue(side >= 1024 && side < 1536, "SD 1.5 in 8 GB: 1024 fits, 1536 does not; got " + side);
    }

    @Test
    void fourKIsOverTheBuiltInModelsBudgetOnAMachineOf64Gb() {
        SizeRule rule = SizeRule.of(4).withPixelBudget(BUILT_IN.maxPixels(32 * GB), BUILT_IN.budgetReason(32 * GB));
        assertTrue(rule.problems(512, 512).isEmpty());
        String problem = rule.problems(4096, 4096).get(0);
        assertTrue(problem.startsWith("4096x4096 is 16,777,216 pixels, over this model's budget of "), problem);
        assertTrue(problem.endsWith("(32.0 GB, half of this machine's memory); make it smaller"), problem);
    }

    @Test
    void theMachinesMemoryIsRead() {
        assertTrue(WorkingMemory.machineBytes() > GB, "at least a gigabyte: " + WorkingMemory.machineBytes());
    }
}
