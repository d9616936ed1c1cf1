package studio.app.bench;

import java.util.List;
import java.util.function.Supplier;
import studio.engine.api.GenerationRequest;
import studio.engine.model.DiffusionModel;

/**
 * One model at one size: what the bench times, on the Java side and through the PyTorch reference.
 *
 * @param name        the case's name on the command line and its folder under --work
 * @param description the model and settings in words, for the report
 * @param model       builds the model (seeded, so both sides get the same weights via the export)
 */
record BenchCase(String name, String description, Supplier<DiffusionModel> model, int width, int height, int steps) {
    static final String PROMPT = "a red apple on a wooden table, soft light";
    static final String NEGATIVE = "blurry";
    static final double GUIDANCE = 7.0;
    static final long SEED = 1;
    /** Euler: one network call per step on both sides, the same algorithm in both. */
    static final String SAMPLER = "euler";

    static List<BenchCase> all() {
        return List.of(
                new BenchCase("default-64", "a small random SD-layout model (64 px, 8x VAE, 2-level U-Net)", SmallRandomModel::create, 64, 64, 20),
                new BenchCase("sd-256", "SD 1.x layout at a tenth of its width (U-Net 32 ch, VAE 32 ch, CLIP 768x2)",
                        SdLayoutModel::create, 256, 256, 4));
    }

    static BenchCase byName(String name) {
        return all().stream().filter(c -> c.name.equals(name)).findFirst()
                .orElseThrow(() -> new studio.engine.api.InvalidRequestException(name.equals(BUILTIN)
                        ? BUILTIN + " is a case for --live only (the PyTorch side cannot rebuild the built-in model)"
                        : "unknown bench case '" + name + "'; choose "
                        + String.join(", ", all().stream().map(BenchCase::name).toList()) + " (and " + BUILTIN + " with --live)"));
    }

    /**
     * The studio's built-in model (the trained emoji-ldm, bundled) at its 64×64: for {@code --live}, which
     * needs no PyTorch side. Not among {@link #all()}: the reference script cannot rebuild it.
     */
    static final String BUILTIN = "builtin-64";

    /** A case for {@code --live}: {@link #BUILTIN} or one of {@link #all()}. */
    static BenchCase forLive(String name) {
        if (name.equals(BUILTIN)) {
            return new BenchCase(BUILTIN, "the built-in model (" + studio.engine.model.DefaultModel.NAME + ", 64 px)",
                    studio.engine.model.DefaultModel::load, 64, 64, 20);
        }
        return byName(name);
    }

    BenchCase withSteps(int newSteps) {
        return new BenchCase(name, description, model, width, height, newSteps);
    }

    /** The request every whole generation of this case makes; previews as the caller chooses. */
    GenerationRequest request(String modelId, int previewEvery) {
        return GenerationRequest.builder().prompt(PROMPT).negativePrompt(NEGATIVE).size(width, height).steps(steps)
                .guidanceScale(GUIDANCE).seed(SEED).sampler(SAMPLER).modelId(modelId).previewEvery(previewEvery)
                .build().validated();
    }
}
