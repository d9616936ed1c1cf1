package studio.ui.persist;

import java.util.List;

/**
 * Everything of the left panel and the tool bar that survives a restart, as plain values (saved as
 * JSON; fields missing from an older file read as null or 0 and keep the studio's defaults).
 */
public record SettingsState(
        String prompt,
        String negativePrompt,
        String sampler,
        int steps,
        double guidance,
        long seed,
        boolean seedLocked,
        long lastSeed,
        int batchCount,
        double strength,
        int maskBlur,
        String inpaintArea,
        String modelId,
        String modelsFolder,
        List<String> addedModels,
        Boolean darkTheme,
        String tool,
        int brushSize,
        double brushHardness,
        String precision,
        List<EnabledLora> loras,
        List<ControlLayer> controls,
        long variationSeed,
        double variationStrength) {
    /** A LoRA enabled in the panel (by file stem in the models folder's loras/), with its weight. */
    public record EnabledLora(String name, double weight) {
    }

    /**
     * A ControlNet layer's settings (its scribble's pixels are in {@code scribbles.bin}, in the same
     * order). Names, not ordinals, so that a renamed or reordered enum cannot mix values up.
     */
    public record ControlLayer(boolean enabled, String model, String source, String preprocessor, int cannyLow,
            int cannyHigh, double weight, double start, double end, String mode) {
    }
}
